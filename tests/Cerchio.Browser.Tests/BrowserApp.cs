using System.Net;
using System.Text.RegularExpressions;
using Cerchio.Data;
using Cerchio.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Cerchio.Browser.Tests;

/// <summary>The real app on a real socket (Kestrel on 127.0.0.1, random port) and Debian's Chromium driven by Playwright.</summary>
public abstract class BrowserApp : IAsyncLifetime
{
    private readonly KestrelApp _app;

    protected BrowserApp(DatabaseProvider provider, bool withMail = false)
    {
        Smtp = withMail ? new SmtpSink() : null;
        _app = new KestrelApp(provider, Smtp);
    }

    public AppFixture App => _app;

    /// <summary>The real SMTP server the app sends to (the mail variants only), whose messages the tests read.</summary>
    public SmtpSink? Smtp { get; }
    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;
    private IPlaywright _playwright = null!;

    public async Task InitializeAsync()
    {
        _app.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        await _app.InitializeAsync();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await _app.DisposeAsync();
        Smtp?.Dispose();
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, Locale = "it-IT" });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        return page;
    }

    /// <summary>A new page (its own cookies) signed in as <paramref name="email"/>; waits until the sign-in page is left.</summary>
    public async Task<IPage> SignedInPageAsync(string email, string password = TestOrganization.Password)
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/accedi");
        // By id rather than by label: the same steps whatever language the page is in.
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("form:has(#password) button[type=submit]").ClickAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(new Regex("/accedi"));
        return page;
    }

    private sealed class KestrelApp(DatabaseProvider provider, SmtpSink? smtp) : AppFixture
    {
        public override DatabaseProvider Provider => provider;

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            if (smtp is not null)
            {
                builder.UseSetting("Smtp:Host", "127.0.0.1");
                builder.UseSetting("Smtp:Port", smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
                builder.UseSetting("Smtp:Security", "None");
                builder.UseSetting("Outbox:PollInterval", "00:00:00.200");
            }
        }
    }
}

public sealed class SqliteBrowserApp() : BrowserApp(DatabaseProvider.Sqlite);

public sealed class PostgresBrowserApp() : BrowserApp(DatabaseProvider.Postgres);

/// <summary>The browser app with a real SMTP server behind its outbox: journeys that go through an email.</summary>
public sealed class SqliteMailBrowserApp() : BrowserApp(DatabaseProvider.Sqlite, withMail: true);

public sealed class PostgresMailBrowserApp() : BrowserApp(DatabaseProvider.Postgres, withMail: true);
