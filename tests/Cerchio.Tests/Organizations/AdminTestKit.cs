using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Cerchio.Data;
using Cerchio.Organizations.Domain;
using Cerchio.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Tests.Organizations;

/// <summary>Helpers for the administration tests: reading an organization's rows and posting the pages' per-row forms.</summary>
internal static class AdminTestKit
{
    /// <summary>Reads (or changes) the organization's rows directly, through the organization filter, as a job would.</summary>
    public static Task<T> DbAsync<T>(this TestOrganization org, Func<CerchioDb, Task<T>> work) =>
        org.App.InOrganizationAsync(org.Id, sp => work(sp.GetRequiredService<CerchioDb>()));

    public static Task<Department> DepartmentAsync(this TestOrganization org, string name) =>
        org.DbAsync(db => db.Set<Department>().AsNoTracking().SingleAsync(d => d.Name == name));

    public static Task<Membership> MembershipAsync(this TestOrganization org, string email) =>
        org.DbAsync(db => (from m in db.Set<Membership>().AsNoTracking()
                           join u in db.Users on m.UserId equals u.Id
                           where u.Email == email
                           select m).SingleAsync());

    /// <summary>Posts the per-row form of <paramref name="pageUrl"/> whose action is <paramref name="action"/> and whose hidden id is <paramref name="id"/>.</summary>
    public static async Task<HttpResponseMessage> PostRowAsync(HttpClient client, string pageUrl, string action, Guid id)
    {
        var page = await Html.GetAsync(client, pageUrl);
        var form = page.QuerySelectorAll<IHtmlFormElement>("form").FirstOrDefault(f =>
                f.GetAttribute("action") == action && f.QuerySelector<IHtmlInputElement>("input[name=id]")?.Value == id.ToString())
            ?? throw new InvalidOperationException($"No form posting {id} to {action} on {pageUrl}.");
        return await Html.PostFormAsync(client, form, []);
    }

    /// <summary>
    /// Posts <paramref name="fields"/> to <paramref name="url"/> with a valid antiforgery token taken from a form of
    /// <paramref name="tokenPageUrl"/>: what a forged or tampered request from a signed-in person looks like.
    /// </summary>
    public static async Task<HttpResponseMessage> PostWithTokenAsync(HttpClient client, string tokenPageUrl, string url, Dictionary<string, string> fields)
    {
        var page = await Html.GetAsync(client, tokenPageUrl);
        var token = page.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")?.Value
            ?? throw new InvalidOperationException($"No antiforgery token on {tokenPageUrl}.");
        var values = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        return await client.PostAsync(url, new FormUrlEncodedContent(values));
    }

    public static string? Value(this AngleSharp.Dom.IDocument page, string selector) =>
        page.QuerySelector<IHtmlInputElement>(selector)?.Value;
}
