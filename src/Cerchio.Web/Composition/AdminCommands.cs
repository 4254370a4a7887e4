using System.CommandLine;
using Cerchio.Web.Features.Demo;

namespace Cerchio.Web.Composition;

/// <summary>`dotnet run --project src/Cerchio.Web -- &lt;command&gt;`: administration from the shell.</summary>
internal static class AdminCommands
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        var root = new RootCommand("Cerchio administration commands.");

        var seedDemo = new Command("seed-demo", "Creates the demo company Rossi Arredamenti S.r.l. (once) and prints its sign-ins and a new API key.");
        seedDemo.SetAction(async (_, ct) =>
        {
            var result = await services.GetRequiredService<DemoCompany>().EnsureAsync(null, ct);
            Console.WriteLine(result.Created ? $"Demo company created: {DemoCompany.Name}" : $"Demo company already present: {DemoCompany.Name}");
            Console.WriteLine($"Organization id: {result.OrganizationId}");
            Console.WriteLine($"Sign-ins (password {DemoCompany.Password}):");
            foreach (var person in DemoCompany.People)
            {
                Console.WriteLine($"  {person.Email,-40} {person.Role,-14} {person.Department}");
            }

            Console.WriteLine($"API key: {result.ApiKey}");
            return 0;
        });
        root.Subcommands.Add(seedDemo);

        return await root.Parse(args).InvokeAsync();
    }
}
