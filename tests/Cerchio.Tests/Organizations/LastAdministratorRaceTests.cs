using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Cerchio.Organizations.Domain;
using Cerchio.Tenancy;
using Cerchio.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Tests.Organizations;

public abstract class LastAdministratorRaceTests(AppFixture app)
{
    [Fact]
    public async Task TwoAdministratorsDemotingEachOtherAtOnce_LeaveOneAdministrator()
    {
        for (var round = 0; round < 3; round++)
        {
            var org = await app.CreateOrganizationAsync($"Corsa {round} S.r.l.", ($"secondo{round}@corsa.test", Role.Agent));
            var first = await org.SignInAsync();
            var second = await org.SignInAsync(Role.Agent);
            var secondMember = await org.MembershipAsync($"secondo{round}@corsa.test");
            var firstMember = await org.MembershipAsync(org.AdminEmail);
            var promote = await Html.SubmitFormAsync(first, $"/amministrazione/persone/{secondMember.Id}", "member", new() { ["Input.Role"] = nameof(Role.Administrator) });
            Assert.Equal(HttpStatusCode.Redirect, promote.StatusCode);
            second = await org.SignInAsync(Role.Agent);   // signs in again: now an administrator

            // Each has the other's page open, then both press "save" at the same moment.
            var formOfFirst = await MemberFormAsync(first, secondMember.Id);
            var formOfSecond = await MemberFormAsync(second, firstMember.Id);
            await Task.WhenAll(
                Html.PostFormAsync(first, formOfFirst, new() { ["Input.Role"] = nameof(Role.Agent) }),
                Html.PostFormAsync(second, formOfSecond, new() { ["Input.Role"] = nameof(Role.Agent) }));

            var administrators = await org.DbAsync(db => db.Set<Membership>().CountAsync(m => m.IsActive && m.Role == Role.Administrator));
            Assert.Equal(1, administrators);
        }
    }

    private static async Task<IHtmlFormElement> MemberFormAsync(HttpClient client, Guid memberId) =>
        (await Html.GetAsync(client, $"/amministrazione/persone/{memberId}")).QuerySelectorAll<IHtmlFormElement>("form")
            .Single(f => f.QuerySelector<IHtmlInputElement>("input[name=_handler]")?.Value == "member");
}

public sealed class LastAdministratorRaceTestsOnSqlite(SqliteApp app) : LastAdministratorRaceTests(app), IClassFixture<SqliteApp>;

public sealed class LastAdministratorRaceTestsOnPostgres(PostgresApp app) : LastAdministratorRaceTests(app), IClassFixture<PostgresApp>;
