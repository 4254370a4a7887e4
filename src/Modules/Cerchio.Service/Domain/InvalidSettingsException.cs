using System.Globalization;

namespace Cerchio.Service.Domain;

/// <summary>Settings that do not validate; <see cref="Errors"/> holds the per-field messages a page or the API shows.</summary>
internal sealed class InvalidSettingsException(string what, Errors errors)
    : ArgumentException($"Invalid {what} settings: {Describe(errors)}")
{
    public Errors Errors { get; } = errors;

    // The exception's own message is for developers and logs: in English, field by field.
    private static string Describe(Errors errors)
    {
        var english = new ServiceTranslations().English;
        return string.Join("; ", errors.All.Select(e => $"{e.Field}: " + string.Format(
            CultureInfo.InvariantCulture,
            english.TryGetValue(e.Message.Text, out var text) ? text : e.Message.Text,
            e.Message.Args)));
    }
}
