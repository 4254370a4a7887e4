namespace Cerchio.Service.Domain;

/// <remarks>Explicit values: they are stored, so never renumber.</remarks>
internal enum CaseStatus
{
    New = 1,
    Open = 2,
    WaitingOnCustomer = 3,

    /// <summary>A hand-off is open: the waiting time belongs to the department that holds it.</summary>
    WaitingOnDepartment = 4,
    Resolved = 5,
    Closed = 6,
}

/// <summary>How the customer reached the company.</summary>
internal enum CaseChannel
{
    Email = 1,
    Phone = 2,
    WebForm = 3,
    Api = 4,

    /// <summary>At the point of sale (punto vendita).</summary>
    WalkIn = 5,

    /// <summary>At a trade-fair stand (fiera).</summary>
    TradeFair = 6,

    /// <summary>During a salesperson's visit.</summary>
    Visit = 7,
}

internal enum CaseEntryKind
{
    /// <summary>What the customer wrote or said: an email, a web form, the text sent through the API.</summary>
    CustomerMessage = 1,

    /// <summary>An agent's answer sent to the customer by email.</summary>
    Reply = 2,

    /// <summary>Internal: seen only by the company's people.</summary>
    Note = 3,

    /// <summary>What was said on the phone, at the counter, at the stand or during a visit, as the agent logged it.</summary>
    ConversationNote = 4,
    StatusChanged = 5,
    Assigned = 6,
    HandOffRequested = 7,
    HandOffAnswered = 8,

    /// <summary>A system line: this case was merged into another, or another was merged into this one.</summary>
    Merged = 9,
}

/// <summary>The names the API and the URLs use; one table for parsing and printing.</summary>
internal static class CaseNames
{
    public static readonly IReadOnlyDictionary<string, CaseStatus> Statuses = new Dictionary<string, CaseStatus>
    {
        ["new"] = CaseStatus.New,
        ["open"] = CaseStatus.Open,
        ["waiting_on_customer"] = CaseStatus.WaitingOnCustomer,
        ["waiting_on_department"] = CaseStatus.WaitingOnDepartment,
        ["resolved"] = CaseStatus.Resolved,
        ["closed"] = CaseStatus.Closed,
    };

    public static readonly IReadOnlyDictionary<string, CaseType> Types = new Dictionary<string, CaseType>
    {
        ["request"] = CaseType.Request,
        ["complaint"] = CaseType.Complaint,
        ["technical_assistance"] = CaseType.TechnicalAssistance,
        ["sales_opportunity"] = CaseType.SalesOpportunity,
        ["information"] = CaseType.Information,
    };

    public static readonly IReadOnlyDictionary<string, CasePriority> Priorities = new Dictionary<string, CasePriority>
    {
        ["low"] = CasePriority.Low,
        ["normal"] = CasePriority.Normal,
        ["high"] = CasePriority.High,
        ["urgent"] = CasePriority.Urgent,
    };

    public static readonly IReadOnlyDictionary<string, CaseChannel> Channels = new Dictionary<string, CaseChannel>
    {
        ["email"] = CaseChannel.Email,
        ["phone"] = CaseChannel.Phone,
        ["web_form"] = CaseChannel.WebForm,
        ["api"] = CaseChannel.Api,
        ["walk_in"] = CaseChannel.WalkIn,
        ["trade_fair"] = CaseChannel.TradeFair,
        ["visit"] = CaseChannel.Visit,
    };

    public static string Name<T>(IReadOnlyDictionary<string, T> names, T value) where T : struct, Enum =>
        names.First(n => EqualityComparer<T>.Default.Equals(n.Value, value)).Key;

    public static string Of(CaseStatus s) => Name(Statuses, s);

    public static string Of(CaseType t) => Name(Types, t);

    public static string Of(CasePriority p) => Name(Priorities, p);

    public static string Of(CaseChannel c) => Name(Channels, c);

    /// <summary>Italian labels; Loc translates them.</summary>
    public static string Label(CaseStatus s) => s switch
    {
        CaseStatus.New => "Nuova",
        CaseStatus.Open => "Aperta",
        CaseStatus.WaitingOnCustomer => "In attesa del cliente",
        CaseStatus.WaitingOnDepartment => "In attesa di un reparto",
        CaseStatus.Resolved => "Risolta",
        _ => "Chiusa",
    };

    public static string Label(CaseType t) => t switch
    {
        CaseType.Request => "Richiesta",
        CaseType.Complaint => "Reclamo",
        CaseType.TechnicalAssistance => "Assistenza tecnica",
        CaseType.SalesOpportunity => "Opportunità commerciale",
        _ => "Informazione",
    };

    public static string Label(CasePriority p) => p switch
    {
        CasePriority.Low => "Bassa",
        CasePriority.Normal => "Normale",
        CasePriority.High => "Alta",
        _ => "Urgente",
    };

    public static string Label(CaseChannel c) => c switch
    {
        CaseChannel.Email => "Email",
        CaseChannel.Phone => "Telefono",
        CaseChannel.WebForm => "Modulo web",
        CaseChannel.Api => "API",
        CaseChannel.WalkIn => "Punto vendita",
        CaseChannel.TradeFair => "Fiera",
        _ => "Visita commerciale",
    };
}

/// <summary>The SLA emails a case has had: near breach and breach, of the first response and of the resolution.</summary>
[Flags]
internal enum SlaAlerts
{
    None = 0,
    FirstResponseNear = 1,
    FirstResponseBreached = 2,
    ResolutionNear = 4,
    ResolutionBreached = 8,
}
