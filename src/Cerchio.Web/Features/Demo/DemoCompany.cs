using Cerchio.Customers.Contracts;
using Cerchio.Data;
using Cerchio.Organizations.Contracts;
using Cerchio.Tenancy;
using Microsoft.AspNetCore.Identity;

namespace Cerchio.Web.Features.Demo;

/// <param name="HeadsDepartment">Named the head of their department: SLA alerts and complaints about it reach them.</param>
public sealed record DemoPerson(string DisplayName, string Email, Role Role, string Department, string JobTitle, bool HeadsDepartment = false);

public sealed record DemoResult(Guid OrganizationId, bool Created, string ApiKey);

/// <summary>
/// Rossi Arredamenti S.r.l., the golden thread's company: departments, one person per role, 300 customers and a
/// year of events. Spans modules, so it lives in the host and talks to each module through its contracts.
/// </summary>
public sealed class DemoCompany(IServiceScopeFactory scopes)
{
    public const string Name = "Rossi Arredamenti S.r.l.";
    public const string Password = "Cerchio2026demo";
    public const int Customers = 300;
    public const int Cases = 320;

    public static readonly DemoPerson[] People =
    [
        new("Anna Rossi", "admin@rossiarredamenti.it", Role.Administrator, "Direzione", "Amministratrice di sistema"),
        new("Roberto Rossi", "roberto.rossi@rossiarredamenti.it", Role.Executive, "Direzione", "Amministratore delegato", HeadsDepartment: true),
        new("Giulia Conti", "giulia.conti@rossiarredamenti.it", Role.CxLead, "Customer service e post-vendita", "Responsabile customer experience", HeadsDepartment: true),
        new("Luca Ferri", "luca.ferri@rossiarredamenti.it", Role.Agent, "Customer service e post-vendita", "Operatore customer service"),
        new("Paolo Greco", "paolo.greco@rossiarredamenti.it", Role.TeamMember, "Logistica e magazzino", "Responsabile magazzino", HeadsDepartment: true),
        new("Sara Marino", "sara.marino@rossiarredamenti.it", Role.TeamMember, "Vendite", "Area manager Nord-Est", HeadsDepartment: true),
        new("Marco Bruno", "marco.bruno@rossiarredamenti.it", Role.TeamMember, "IT", "Responsabile sistemi informativi", HeadsDepartment: true),
        new("Elena Galli", "elena.galli@rossiarredamenti.it", Role.TeamMember, "Amministrazione", "Contabilità clienti", HeadsDepartment: true),
    ];

    /// <summary>Creates the demo company once (administered also by <paramref name="administratorUserId"/> when given) and issues an API key.</summary>
    public async Task<DemoResult> EnsureAsync(Guid? administratorUserId, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var provisioning = scope.ServiceProvider.GetRequiredService<IOrganizationProvisioning>();
        var organizationId = await provisioning.FindDemoOrganizationAsync(ct);
        var created = organizationId is null;
        if (organizationId is null)
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CerchioUser>>();
            var founder = administratorUserId ?? await EnsureUserAsync(users, People[0]);
            var (id, errors) = await provisioning.CreateAsync(new NewOrganization(Name, "01234567897", "it", IsDemo: true), founder, ct);
            organizationId = id ?? throw new InvalidOperationException(string.Join("; ", errors.All.Select(e => e.Message.Text)));
            await InOrganizationAsync(organizationId.Value, founder, async services =>
            {
                var organization = services.GetRequiredService<IOrganizationProvisioning>();
                foreach (var person in People)
                {
                    await organization.AddPersonAsync(new NewPerson(person.DisplayName, person.Email, Password, person.Role, person.Department, person.JobTitle, person.HeadsDepartment), ct);
                }

                await services.GetRequiredService<ICustomerDemoData>().SeedAsync(Customers, seed: 2026, ct);
                await services.GetRequiredService<Cerchio.Service.Contracts.IServiceDemoData>().SeedAsync(Cases, seed: 2026, ct);
                await services.GetRequiredService<Cerchio.Journeys.Contracts.IJourneysDemoData>().SeedAsync(ct);
                await services.GetRequiredService<Cerchio.Feedback.Contracts.IFeedbackDemoData>().SeedAsync(seed: 2026, ct);
            });
        }

        var apiKey = "";
        await InOrganizationAsync(organizationId.Value, null, async services =>
            apiKey = await services.GetRequiredService<IOrganizationProvisioning>().IssueApiKeyAsync("Demo", ct));
        return new DemoResult(organizationId.Value, created, apiKey);
    }

    private static async Task<Guid> EnsureUserAsync(UserManager<CerchioUser> users, DemoPerson person)
    {
        if (await users.FindByEmailAsync(person.Email) is { } existing)
        {
            return existing.Id;
        }

        var user = new CerchioUser { Id = Ids.New(), UserName = person.Email, Email = person.Email, EmailConfirmed = true, DisplayName = person.DisplayName };
        var result = await users.CreateAsync(user, Password);
        return result.Succeeded ? user.Id : throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    private async Task InOrganizationAsync(Guid organizationId, Guid? userId, Func<IServiceProvider, Task> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<OrganizationContext>().Set(organizationId, userId, "demo", Role.Administrator);
        await work(scope.ServiceProvider);
    }
}
