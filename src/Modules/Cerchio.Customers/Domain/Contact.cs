using Cerchio.Tenancy;

namespace Cerchio.Customers.Domain;

/// <summary>A person at a company customer (buyer, accounts payable, site manager…).</summary>
internal sealed class Contact : IOrganizationScoped
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid CustomerId { get; set; }
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? JobTitle { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public string FullName => $"{FirstName} {LastName}".Trim();

    public static Errors Validate(string? firstName, string? lastName, string? email, string? phone = null, string? jobTitle = null)
    {
        var errors = new Errors();
        if (string.IsNullOrWhiteSpace(firstName) && string.IsNullOrWhiteSpace(lastName))
        {
            errors.Add("LastName", "Nome o cognome sono obbligatori.");
        }

        if ((firstName?.Length ?? 0) > 100 || (lastName?.Length ?? 0) > 100)
        {
            errors.Add("LastName", "Al massimo {0} caratteri.", 100);
        }

        if (!string.IsNullOrWhiteSpace(email) && !CustomerDetails.IsEmail(email.Trim()))
        {
            errors.Add("Email", "L'indirizzo email non è valido.");
        }

        if ((phone?.Trim().Length ?? 0) > 40)
        {
            errors.Add("Phone", "Al massimo {0} caratteri.", 40);
        }

        if ((jobTitle?.Trim().Length ?? 0) > 100)
        {
            errors.Add("JobTitle", "Al massimo {0} caratteri.", 100);
        }

        return errors;
    }
}
