using System.Text.Json;
using System.Text.Json.Serialization;
using Cerchio.Tenancy;

namespace Cerchio.Service.Domain;

/// <summary>
/// An organization's own desk settings, one row once it saves them: the calendar and the SLA policy as JSON (the
/// records were made to round-trip), and how many days a resolved case waits before it closes. Without a row the
/// Italian defaults apply.
/// </summary>
internal sealed class DeskSettings : IOrganizationScoped
{
    /// <summary>Seven days: long enough for the customer to say it is not solved after all.</summary>
    public const int DefaultAutoCloseDays = 7;

    public const int MaxAutoCloseDays = 365;

    /// <summary>The CX lead and the referenti of the departments, as before publishers could be chosen.</summary>
    public const string DefaultPublisherRoles = "CxLead,TeamMember";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public Guid OrganizationId { get; set; }

    public string Calendar { get; set; } = "";

    public string SlaPolicy { get; set; } = "";

    /// <summary>Days after its resolution that a case closes by itself; 0: never.</summary>
    public int AutoCloseDays { get; set; } = DefaultAutoCloseDays;

    /// <summary>Roles whose people may publish announcements, comma-separated (administrators always may).</summary>
    public string PublisherRoles { get; set; } = DefaultPublisherRoles;

    /// <summary>Departments whose people may publish announcements whatever their role (marketing, sales), comma-separated ids.</summary>
    public string PublisherDepartments { get; set; } = "";

    /// <summary>Whether the head of every department may publish to the front line.</summary>
    public bool HeadsPublish { get; set; } = true;

    public DateTimeOffset UpdatedAt { get; set; }

    public CalendarSettings ReadCalendar() => JsonSerializer.Deserialize<CalendarSettings>(Calendar, Json) ?? CalendarSettings.ItalianDefault;

    public Domain.SlaPolicy ReadPolicy() => JsonSerializer.Deserialize<Domain.SlaPolicy>(SlaPolicy, Json) ?? Domain.SlaPolicy.ItalianDefault;

    public static string Write(CalendarSettings calendar) => JsonSerializer.Serialize(calendar, Json);

    public static string Write(Domain.SlaPolicy policy) => JsonSerializer.Serialize(policy, Json);

    /// <summary>Field key <c>AutoCloseDays</c>.</summary>
    public static Errors ValidateAutoClose(int days)
    {
        var errors = new Errors();
        if (days is < 0 or > MaxAutoCloseDays)
        {
            errors.Add(nameof(AutoCloseDays), "Da 0 (mai) a {0} giorni.", MaxAutoCloseDays);
        }

        return errors;
    }
}
