using Cerchio.Tests.Infrastructure;
using System.Text.RegularExpressions;
using Cerchio.Text;
using Microsoft.Extensions.DependencyInjection;

namespace Cerchio.Tests.Platform;

/// <summary>Italian first, English available: every Italian text the code shows must have its English translation.</summary>
public sealed partial class TranslationTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    // L["…"] / l["…"], L.F("…", …), and the messages given to Errors.Add(field, "…").
    [GeneratedRegex("""(?:\b[lL]\[|\b[lL]\.F\(|\.Add\("[A-Za-z_]+",\s*)"((?:[^"\\]|\\.)+)"\s*[\],)]""")]
    private static partial Regex Texts();

    [Fact]
    public void EveryItalianText_HasAnEnglishTranslation()
    {
        var loc = app.Services.GetRequiredService<Loc>();
        var root = FindRoot();
        var missing = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains("Migrations", StringComparison.Ordinal))
            .SelectMany(f => Texts().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Text: Regex.Unescape(m.Groups[1].Value))))
            .Where(t => !loc.HasEnglish(t.Text))
            .Select(t => $"{t.File}: {t.Text}")
            .Distinct()
            .ToList();
        Assert.True(missing.Count == 0, "Texts without English:\n" + string.Join("\n", missing));
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cerchio.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Cerchio.slnx not found above the test binaries.");
    }
}
