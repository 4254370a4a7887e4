namespace Cerchio;

/// <summary>Italian partita IVA: 11 digits, the last a Luhn-style check digit. Shared by organizations and customers.</summary>
public static class VatNumbers
{
    public static string Normalize(string value)
    {
        var v = value.Trim().Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        return v.StartsWith("IT", StringComparison.Ordinal) ? v[2..] : v;
    }

    public static bool IsValid(string value)
    {
        var v = Normalize(value);
        return v.Length == 11 && v.All(char.IsAsciiDigit) && CheckDigit(v[..10]) == v[10] - '0';
    }

    /// <summary>The check digit for the first ten digits (used to make valid demo numbers).</summary>
    public static int CheckDigit(string firstTen)
    {
        var sum = 0;
        for (var i = 0; i < 10; i++)
        {
            var d = firstTen[i] - '0';
            if (i % 2 == 1)
            {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }

            sum += d;
        }

        return (10 - sum % 10) % 10;
    }
}
