namespace Cerchio;

/// <summary>An Italian source text with its arguments; translated and formatted on output by Loc.</summary>
public sealed record ErrorMessage(string Text, object[] Args);

/// <summary>
/// Validation errors per field. Domain rules fill it; pages show each next to its field, the API returns
/// it as a ValidationProblem.
/// </summary>
public sealed class Errors
{
    private readonly Dictionary<string, List<ErrorMessage>> _byField = new(StringComparer.OrdinalIgnoreCase);

    public bool Any => _byField.Count > 0;

    public Errors Add(string field, string message, params object[] args)
    {
        if (!_byField.TryGetValue(field, out var list))
        {
            _byField[field] = list = [];
        }

        list.Add(new ErrorMessage(message, args));
        return this;
    }

    public Errors AddRange(Errors other)
    {
        foreach (var (field, messages) in other._byField)
        {
            foreach (var m in messages)
            {
                Add(field, m.Text, m.Args);
            }
        }

        return this;
    }

    public IReadOnlyList<ErrorMessage> For(string field) => _byField.TryGetValue(field, out var list) ? list : [];

    public IEnumerable<(string Field, ErrorMessage Message)> All =>
        _byField.SelectMany(kv => kv.Value.Select(m => (kv.Key, m)));

    /// <summary>The same messages under other field names: a form's property names as the API's snake_case ones.</summary>
    public Errors Renamed(Func<string, string> rename)
    {
        var renamed = new Errors();
        foreach (var (field, message) in All)
        {
            renamed.Add(rename(field), message.Text, message.Args);
        }

        return renamed;
    }

    public Dictionary<string, string[]> ToDictionary(Func<ErrorMessage, string> translate) =>
        _byField.ToDictionary(kv => kv.Key, kv => kv.Value.Select(translate).ToArray());
}
