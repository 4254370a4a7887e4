using System.Globalization;

namespace Cerchio.Text;

/// <summary>Euro amounts in the reader's number format: "12.500,50 €" in Italian, "€12,500.50" in English.</summary>
public static class Money
{
    public static string Euro(decimal amount)
    {
        var format = (NumberFormatInfo)CultureInfo.CurrentCulture.NumberFormat.Clone();
        format.CurrencySymbol = "€";
        return amount.ToString("C2", format);
    }

    /// <summary>Property names that carry an amount in euros in events from other systems.</summary>
    public static bool IsAmount(string propertyName) =>
        propertyName.ToLowerInvariant() is "importo" or "amount" or "totale" or "total" or "valore" or "value";
}
