using System.Net.Http.Headers;
using Cerchio.Tenancy;

namespace Cerchio.Tests.Infrastructure;

public sealed record TestOrganization(
    AppFixture App, Guid Id, string Name, string AdminEmail, IReadOnlyDictionary<Role, string> People, string ApiKey)
{
    public const string Password = "Password-2026";

    public HttpClient Api()
    {
        var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        return client;
    }

    /// <summary>A cookie client signed in through the real sign-in page.</summary>
    public Task<HttpClient> SignInAsync(Role role = Role.Administrator) => SignInAsync(People[role]);

    /// <summary>A cookie client signed in as any person of the organization, by their address.</summary>
    public async Task<HttpClient> SignInAsync(string email)
    {
        var client = App.Browser();
        var response = await Html.SubmitFormAsync(client, "/accedi", "sign-in", new()
        {
            ["Input.Email"] = email,
            ["Input.Password"] = Password,
        });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }
}
