namespace Cerchio.Tenancy;

/// <summary>A person's role inside one organization (PRODUCT.md, "Who uses it").</summary>
public enum Role
{
    Administrator = 1,
    CxLead = 2,
    TeamMember = 3,
    Agent = 4,
    Executive = 5,
}

/// <summary>What each role may do. One table, read by the authorization policies and by the pages that hide actions.</summary>
public static class Permissions
{
    public const string ManageOrganization = "perm:manage-organization";
    public const string ViewCustomers = "perm:view-customers";
    public const string EditCustomers = "perm:edit-customers";
    public const string ImportCustomers = "perm:import-customers";
    public const string ViewAudit = "perm:view-audit";
    public const string ViewCases = "perm:view-cases";
    public const string WorkCases = "perm:work-cases";
    public const string ManageServiceDesk = "perm:manage-service-desk";
    public const string ReviewComplaints = "perm:review-complaints";
    public const string ReadAnnouncements = "perm:read-announcements";
    public const string ReadKnowledge = "perm:read-knowledge";
    public const string WriteKnowledge = "perm:write-knowledge";
    public const string ViewJourneys = "perm:view-journeys";
    public const string ManageJourneys = "perm:manage-journeys";
    public const string ViewEveryDepartment = "perm:view-every-department";
    public const string ViewFeedback = "perm:view-feedback";
    public const string ManageSurveys = "perm:manage-surveys";
    public const string WorkLoops = "perm:work-loops";

    private static readonly Dictionary<string, Role[]> Grants = new()
    {
        [ManageOrganization] = [Role.Administrator],
        [ViewCustomers] = [Role.Administrator, Role.CxLead, Role.TeamMember, Role.Agent, Role.Executive],
        [EditCustomers] = [Role.Administrator, Role.CxLead, Role.TeamMember, Role.Agent],
        [ImportCustomers] = [Role.Administrator, Role.CxLead],
        [ViewAudit] = [Role.Administrator],
        [ViewCases] = [Role.Administrator, Role.CxLead, Role.TeamMember, Role.Agent, Role.Executive],
        // Department people answer hand-offs and may take a case; the executives read.
        [WorkCases] = [Role.Administrator, Role.CxLead, Role.TeamMember, Role.Agent],
        [ManageServiceDesk] = [Role.Administrator, Role.CxLead],
        // Only they may take the flag off a complaint that names a department or a person, or change whom it names.
        [ReviewComplaints] = [Role.Administrator, Role.CxLead],
        [ReadAnnouncements] = [Role.Administrator, Role.CxLead, Role.TeamMember, Role.Agent, Role.Executive],
        // Who writes announcements is each organization's choice: Cerchio.Service's AnnouncementPublishers.
        [ReadKnowledge] = [Role.Administrator, Role.CxLead, Role.TeamMember, Role.Agent, Role.Executive],
        // The departments own what they know: their referenti write and review it, with the CX lead.
        [WriteKnowledge] = [Role.Administrator, Role.CxLead, Role.TeamMember],
        // Everyone sees the journeys and who answers for each touchpoint; the CX lead runs the catalog.
        [ViewJourneys] = [Role.Administrator, Role.CxLead, Role.TeamMember, Role.Agent, Role.Executive],
        [ManageJourneys] = [Role.Administrator, Role.CxLead],
        // A department's own views (its touchpoints and their numbers): its people see theirs; those who run the whole look at any.
        [ViewEveryDepartment] = [Role.Administrator, Role.CxLead, Role.Executive],
        // Everyone hears the customers; the CX lead designs the surveys (PRODUCT.md).
        [ViewFeedback] = [Role.Administrator, Role.CxLead, Role.TeamMember, Role.Agent, Role.Executive],
        [ManageSurveys] = [Role.Administrator, Role.CxLead],
        // Whoever owns a touchpoint calls back its unhappy customers: the departments' referenti and the front line; the executives read.
        [WorkLoops] = [Role.Administrator, Role.CxLead, Role.TeamMember, Role.Agent],
    };

    public static IEnumerable<string> All => Grants.Keys;

    public static bool Allows(Role role, string permission) =>
        Grants.TryGetValue(permission, out var roles) && roles.Contains(role);
}

/// <summary>Role labels (Italian source texts; Loc translates).</summary>
public static class RoleNames
{
    public static string Of(Role role) => role switch
    {
        Role.Administrator => "Amministratore",
        Role.CxLead => "Responsabile CX",
        Role.TeamMember => "Referente di reparto",
        Role.Agent => "Operatore customer service",
        Role.Executive => "Direzione",
        _ => role.ToString(),
    };

    public static readonly IReadOnlyDictionary<string, string> English = new Dictionary<string, string>
    {
        ["Amministratore"] = "Administrator",
        ["Responsabile CX"] = "CX lead",
        ["Referente di reparto"] = "Team member",
        ["Operatore customer service"] = "Service agent",
        ["Direzione"] = "Executive",
    };
}
