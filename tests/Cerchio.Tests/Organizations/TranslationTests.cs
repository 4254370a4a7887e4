using System.Text.RegularExpressions;
using Cerchio.Organizations.Features;

namespace Cerchio.Tests.Organizations;

/// <summary>Every Italian text the module's pages show has its English translation.</summary>
public sealed partial class TranslationTests
{
    [Fact]
    public void EveryPageText_HasAnEnglishTranslation()
    {
        var english = new OrganizationsTranslations().English;
        var module = FindModule();
        var missing = Directory.EnumerateFiles(module, "*.razor", SearchOption.AllDirectories)
            .SelectMany(file => PageText().Matches(File.ReadAllText(file)).Select(m => (File: Path.GetFileName(file), Text: m.Groups[1].Value)))
            .Where(t => !english.ContainsKey(t.Text))
            .Select(t => $"{t.File}: {t.Text}")
            .Distinct()
            .ToList();
        Assert.True(missing.Count == 0, "Missing English texts:\n" + string.Join("\n", missing));
    }

    [GeneratedRegex("""\bL(?:\.F\(|\[)"((?:[^"\\]|\\.)+)"[\],]""")]
    private static partial Regex PageText();

    private static string FindModule()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "Modules", "Cerchio.Organizations");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("src/Modules/Cerchio.Organizations not found above the test output.");
    }
}
