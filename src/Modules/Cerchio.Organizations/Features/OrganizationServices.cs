using Cerchio.Data;
using Cerchio.Organizations.Contracts;
using Cerchio.Organizations.Domain;
using Cerchio.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Organizations.Features;

internal sealed class OrganizationDirectory(CerchioDb db, TimeProvider clock) : IOrganizationDirectory
{
    public async Task<IReadOnlyList<MembershipInfo>> MembershipsOfAsync(Guid userId, CancellationToken ct = default) =>
        await db.Set<Membership>().IgnoreQueryFilters()
            .Where(m => m.UserId == userId && m.IsActive)
            .OrderBy(m => m.Organization!.Name)
            .Select(m => new MembershipInfo(m.OrganizationId, m.Organization!.Name, m.Role, m.Department!.Name))
            .ToListAsync(ct);

    public async Task<ApiCaller?> AuthenticateApiKeyAsync(string plainKey, CancellationToken ct = default)
    {
        if (ApiKey.PrefixOf(plainKey) is not { } prefix)
        {
            return null;
        }

        var key = await db.Set<ApiKey>().IgnoreQueryFilters().AsNoTracking()
            .FirstOrDefaultAsync(k => k.Prefix == prefix && k.RevokedAt == null, ct);
        if (key is null || !key.Matches(plainKey))
        {
            return null;
        }

        // Last use is informative; once a minute is enough and keeps API calls from writing on every request.
        var now = clock.GetUtcNow();
        if (key.LastUsedAt is null || now - key.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            await db.Set<ApiKey>().IgnoreQueryFilters().Where(k => k.Id == key.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), ct);
        }

        return new ApiCaller(key.OrganizationId, key.Id, key.Name);
    }

    public async Task<IReadOnlyList<DepartmentInfo>> DepartmentsAsync(CancellationToken ct = default) =>
        await db.Set<Department>().Where(d => d.IsActive).OrderBy(d => d.SortOrder).ThenBy(d => d.Name)
            .Select(d => new DepartmentInfo(d.Id, d.Name, d.HeadUserId)).ToListAsync(ct);

    public async Task<IReadOnlyList<MemberInfo>> MembersAsync(CancellationToken ct = default)
    {
        // A few hundred at most: sorted in memory, in the request culture.
        var members = await (from m in db.Set<Membership>()
                             join u in db.Users on m.UserId equals u.Id
                             where m.IsActive
                             select new MemberInfo(u.Id, u.DisplayName, m.Role, m.DepartmentId))
            .ToListAsync(ct);
        return members.OrderBy(m => m.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
    }

    public Task<Guid?> DepartmentOfAsync(Guid userId, CancellationToken ct = default) =>
        db.Set<Membership>().Where(m => m.UserId == userId && m.IsActive).Select(m => m.DepartmentId).FirstOrDefaultAsync(ct);

    public Task<bool> AnyUserAsync(CancellationToken ct = default) => db.Users.AnyAsync(ct);

    public async Task<string?> LogoPathAsync(Guid organizationId, CancellationToken ct = default) =>
        await db.Set<OrganizationLogo>().IgnoreQueryFilters().AsNoTracking().Where(l => l.OrganizationId == organizationId)
            .Select(l => (DateTimeOffset?)l.UpdatedAt).FirstOrDefaultAsync(ct) is { } updated
            ? OrganizationLogo.PathOf(organizationId, updated)
            : null;

    public async Task<PublicOrganization?> FindBySlugAsync(string slug, CancellationToken ct = default)
    {
        // Slugs are stored lowercase; an address typed in capitals still finds its organization.
        var key = slug.Trim().ToLowerInvariant();
        if (key.Length is 0 or > OrganizationSlug.MaxLength)
        {
            return null;
        }

        return await db.Set<Organization>().IgnoreQueryFilters().AsNoTracking()
            .Where(o => o.Slug == key)
            .Select(o => new PublicOrganization(o.Id, o.Name, o.Language, o.Slug))
            .FirstOrDefaultAsync(ct);
    }

    public Task<string> SlugAsync(CancellationToken ct = default) =>
        db.Set<Organization>().Select(o => o.Slug).SingleAsync(ct);

    public Task<string> NameAsync(CancellationToken ct = default) =>
        db.Set<Organization>().Select(o => o.Name).SingleAsync(ct);

    public async Task<IReadOnlyDictionary<Guid, string>> EmailsOfMembersAsync(IEnumerable<Guid> userIds, CancellationToken ct = default)
    {
        var ids = userIds.Distinct().ToList();
        return await (from m in db.Set<Membership>()
                      join u in db.Users on m.UserId equals u.Id
                      where m.IsActive && ids.Contains(u.Id) && u.Email != null
                      select new { u.Id, u.Email })
            .ToDictionaryAsync(x => x.Id, x => x.Email!, ct);
    }

    public async Task<IReadOnlyList<MemberContact>> ContactsOfMembersAsync(IEnumerable<Guid> userIds, CancellationToken ct = default)
    {
        var ids = userIds.Distinct().ToList();
        return await (from m in db.Set<Membership>()
                      join u in db.Users on m.UserId equals u.Id
                      where m.IsActive && ids.Contains(u.Id) && u.Email != null
                      select new MemberContact(u.Id, u.DisplayName, u.Email!, u.Language))
            .ToListAsync(ct);
    }
}

internal sealed class OrganizationProvisioning(
    IServiceScopeFactory scopes, CerchioDb db, OrganizationContext tenant, UserManager<CerchioUser> users, TimeProvider clock)
    : IOrganizationProvisioning
{
    public Errors Validate(NewOrganization organization) =>
        Organization.Validate(organization.Name, organization.VatNumber, organization.Language);

    public async Task<(Guid? OrganizationId, Errors Errors)> CreateAsync(
        NewOrganization organization, Guid administratorUserId, CancellationToken ct = default)
    {
        var errors = Validate(organization);
        if (errors.Any)
        {
            return (null, errors);
        }

        var slug = OrganizationSlug.From(organization.Name);
        var attempt = await FirstFreeAttemptAsync(slug, ct);
        for (var tries = 1; ; tries++, attempt++)
        {
            try
            {
                return (await InsertAsync(organization, OrganizationSlug.Candidate(slug, attempt), administratorUserId, ct), errors);
            }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e) && tries < 5)
            {
                // Another organization took the same slug at the same moment: the next suffix.
            }
        }
    }

    /// <summary>The first suffix not yet taken: "rossi", then "rossi-2", "rossi-3"…</summary>
    private async Task<int> FirstFreeAttemptAsync(string slug, CancellationToken ct)
    {
        var prefix = slug + "-";
        var taken = (await db.Set<Organization>().IgnoreQueryFilters()
            .Where(o => o.Slug == slug || o.Slug.StartsWith(prefix)).Select(o => o.Slug).ToListAsync(ct)).ToHashSet();
        var attempt = 1;
        while (taken.Contains(OrganizationSlug.Candidate(slug, attempt)))
        {
            attempt++;
        }

        return attempt;
    }

    private async Task<Guid> InsertAsync(NewOrganization organization, string slug, Guid administratorUserId, CancellationToken ct)
    {
        // A fresh scope whose organization is the new one: stamping, filters and audit work as for any request.
        var id = Ids.New();
        await using var scope = scopes.CreateAsyncScope();
        var admin = await scope.ServiceProvider.GetRequiredService<UserManager<CerchioUser>>().FindByIdAsync(administratorUserId.ToString())
            ?? throw new InvalidOperationException("The administrator does not exist.");
        scope.ServiceProvider.GetRequiredService<OrganizationContext>().Set(id, admin.Id, OrganizationContext.Actor(admin.DisplayName, admin.Email), Role.Administrator);
        var scopedDb = scope.ServiceProvider.GetRequiredService<CerchioDb>();
        var now = clock.GetUtcNow();

        scopedDb.Add(new Organization
        {
            Id = id,
            Name = organization.Name.Trim(),
            VatNumber = string.IsNullOrWhiteSpace(organization.VatNumber) ? null : VatNumbers.Normalize(organization.VatNumber),
            Language = organization.Language,
            Slug = slug,
            CreatedAt = now,
            IsDemo = organization.IsDemo,
        });
        scopedDb.AddRange(Department.Defaults.Select((name, i) => new Department { Id = Ids.New(), Name = name, SortOrder = i }));
        scopedDb.Add(new Membership { Id = Ids.New(), UserId = admin.Id, Role = Role.Administrator, CreatedAt = now });
        await scopedDb.SaveChangesAsync(ct);
        return id;
    }

    public async Task<(Guid? UserId, Errors Errors)> AddPersonAsync(NewPerson person, CancellationToken ct = default)
    {
        var errors = new Errors();
        var user = await users.FindByEmailAsync(person.Email);
        if (user is null)
        {
            user = new CerchioUser
            {
                Id = Ids.New(),
                UserName = person.Email,
                Email = person.Email,
                EmailConfirmed = true,
                DisplayName = person.DisplayName,
                CreatedAt = clock.GetUtcNow(),
            };
            var created = await users.CreateAsync(user, person.Password);
            if (!created.Succeeded)
            {
                foreach (var error in created.Errors)
                {
                    errors.Add(error.Code.Contains("Password", StringComparison.Ordinal) ? "Password" : "Email", error.Description);
                }

                return (null, errors);
            }
        }

        if (await db.Set<Membership>().AnyAsync(m => m.UserId == user.Id, ct))
        {
            return (null, errors.Add("Email", "Questa persona fa già parte dell'organizzazione."));
        }

        var department = person.Department is null ? null : await db.Set<Department>().FirstOrDefaultAsync(d => d.Name == person.Department, ct);
        var departmentId = department?.Id;
        if (person.HeadsDepartment && department is not null)
        {
            department.HeadUserId = user.Id;
        }

        db.Add(new Membership
        {
            Id = Ids.New(),
            UserId = user.Id,
            Role = person.Role,
            DepartmentId = departmentId,
            JobTitle = person.JobTitle,
            CreatedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(ct);
        return (user.Id, errors);
    }

    public async Task<string> IssueApiKeyAsync(string name, CancellationToken ct = default)
    {
        var (key, plain) = ApiKey.Issue(name, tenant.ActorName ?? "sistema", clock.GetUtcNow());
        db.Add(key);
        await db.SaveChangesAsync(ct);
        return plain;
    }

    public Task<Guid?> FindDemoOrganizationAsync(CancellationToken ct = default) =>
        db.Set<Organization>().IgnoreQueryFilters().Where(o => o.IsDemo).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(ct);
}
