using System.Globalization;
using System.Xml.Linq;
using Cerchio.Tenancy;
using Cerchio.Text;
using Cerchio.Ui.Export;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Cerchio.Journeys.Features.Maps;

/// <summary>
/// The map out of Cerchio: a spreadsheet with one row per card (stage, touchpoint, owner, heat, every metric now and
/// in the previous period) for whoever reworks the numbers, and a picture of the map (SVG, drawn here; the page turns
/// it into a PNG) for slides and chats. Both take the map page's period.
/// </summary>
internal static class JourneyMapExport
{
    public static string FilePathOf(Guid journeyId, string extension) => $"{JourneyBook.ListPath}/{journeyId}/mappa{extension}";

    public static void Map(IEndpointRouteBuilder app)
    {
        foreach (var format in new[] { TabularFormat.Csv, TabularFormat.Xlsx })
        {
            app.MapGet($"{JourneyBook.ListPath}/{{journeyId:guid}}/mappa{TabularExport.Extension(format)}",
                    async (Guid journeyId, HttpContext context, JourneyMapReader reader, Loc l, CancellationToken ct) =>
                        await ReadAsync(journeyId, context, reader, ct) is { } view ? Table(format, view, l) : Results.NotFound())
                .RequireAuthorization(Permissions.ViewJourneys)
                .ExcludeFromDescription();
        }

        app.MapGet($"{JourneyBook.ListPath}/{{journeyId:guid}}/mappa.svg",
                async (Guid journeyId, HttpContext context, JourneyMapReader reader, Loc l, CancellationToken ct) =>
                    await ReadAsync(journeyId, context, reader, ct) is { } view
                        ? Results.Text(Picture(view, l).ToString(SaveOptions.DisableFormatting), "image/svg+xml; charset=utf-8")
                        : Results.NotFound())
            .RequireAuthorization(Permissions.ViewJourneys)
            .ExcludeFromDescription();
    }

    private static async Task<JourneyMapView?> ReadAsync(Guid journeyId, HttpContext context, JourneyMapReader reader, CancellationToken ct)
    {
        var (from, to, _) = MapPeriod.Parse(context.Request.Query["dal"], context.Request.Query["al"], await reader.TodayAsync(ct));
        return await reader.ReadAsync(journeyId, from, to, MapPeriod.PersonaOnly(context.Request.Query[MapPeriod.PersonaParameter]), ct);
    }

    private static TabularFileResult Table(TabularFormat format, JourneyMapView view, Loc l)
    {
        var headers = new List<string> { l["Momento"], l["Fase"], l["Touchpoint"], l["Codice"], l["Canale"], l["Reparto responsabile"], l["Colore"] };
        foreach (var metric in view.Metrics)
        {
            headers.Add(l[metric.Label]);
            headers.Add(l.F("{0} (periodo precedente)", l[metric.Label]));
        }

        var rows = view.Stages.SelectMany(stage => stage.Cards.Select(card =>
        {
            var row = new List<string?>
            {
                l[JourneyMapGrid.PhaseLabel(stage.Stage.Phase)], stage.Stage.Name, l[card.Name], card.Card.TouchpointCode,
                l[card.Touchpoint?.Online == true ? "Online" : "Offline"], card.Owner ?? "", card.Heat == HeatLevel.None ? "" : l[JourneyMapGrid.HeatLabel(card.Heat)],
            };
            foreach (var metric in view.Metrics)
            {
                var number = card.Numbers.FirstOrDefault(n => n.Metric.Key == metric.Key);
                row.Add(Number(number?.Value));
                row.Add(Number(number?.Previous));
            }

            return (IReadOnlyList<string?>)row;
        }));
        // The file says in its name that its numbers are the persona's customers' only.
        var name = $"mappa-{view.Journey.Code}-{view.From:yyyy-MM-dd}-{view.To:yyyy-MM-dd}{(view.PersonaOnly ? "-persona" : "")}";
        return new TabularFileResult(format, name, headers, rows.ToAsyncEnumerable());
    }

    // Plain numbers a spreadsheet reads as numbers, in the reader's culture like the rest of the export.
    private static string Number(double? value) => value?.ToString("0.##", CultureInfo.CurrentCulture) ?? "";

    private const int Lane = 150;
    private const int Column = 190;
    private const int CardHeight = 74;

    /// <summary>
    /// The map as one SVG: the phases and stages across the top, the cards below in their heat colour with the heat
    /// named in words, then the emotion curve. Text goes through XElement, so names are escaped, never markup.
    /// </summary>
    private static XElement Picture(JourneyMapView view, Loc l)
    {
        XNamespace svg = "http://www.w3.org/2000/svg";
        var stages = view.Stages;
        var deepest = Math.Max(1, stages.Select(s => s.Cards.Count).DefaultIfEmpty(0).Max());
        var cardsTop = 110;
        var curveTop = cardsTop + deepest * (CardHeight + 8) + 20;
        var width = Lane + stages.Count * Column + 10;
        var height = curveTop + 120;
        var root = new XElement(svg + "svg",
            new XAttribute("width", width), new XAttribute("height", height), new XAttribute("viewBox", $"0 0 {width} {height}"),
            new XAttribute("font-family", "DejaVu Sans, Arial, sans-serif"), new XAttribute("font-size", 12),
            new XElement(svg + "rect", new XAttribute("width", width), new XAttribute("height", height), new XAttribute("fill", "#ffffff")),
            Text(svg, 10, 24, view.Journey.Name, 18, bold: true),
            Text(svg, 10, 44, l.F("Numeri misurati dal {0} al {1}, confrontati con i {2} giorni precedenti.",
                view.From.ToString("d", CultureInfo.CurrentCulture), view.To.ToString("d", CultureInfo.CurrentCulture), view.To.DayNumber - view.From.DayNumber + 1)
                + (JourneyMapGrid.AudienceNote(view, l) is { } counted ? " " + counted : ""), 11));

        var x = Lane;
        foreach (var (phase, count) in view.Phases)
        {
            root.Add(Box(svg, x, 54, count * Column - 6, 22, PhaseFill(phase), null),
                Text(svg, x + 6, 69, l[JourneyMapGrid.PhaseLabel(phase)].ToUpper(CultureInfo.CurrentCulture), 11, bold: true));
            x += count * Column;
        }

        root.Add(Text(svg, 10, cardsTop + 14, l["Touchpoint"], 12, bold: true), Text(svg, 10, curveTop + 14, l["Emozione"], 12, bold: true));
        for (var i = 0; i < stages.Count; i++)
        {
            var left = Lane + i * Column;
            root.Add(Box(svg, left, 80, Column - 6, 24, "#1f4e5f", null), Text(svg, left + 6, 97, stages[i].Stage.Name, 12, bold: true, fill: "#ffffff", max: 26));
            for (var c = 0; c < stages[i].Cards.Count; c++)
            {
                var card = stages[i].Cards[c];
                var top = cardsTop + c * (CardHeight + 8);
                var (fill, stroke) = HeatColours(card.Heat);
                root.Add(Box(svg, left, top, Column - 6, CardHeight, fill, stroke),
                    Text(svg, left + 8, top + 16, l[card.Name], 12, bold: true, max: 20),
                    Text(svg, left + 8, top + 31, card.Owner ?? l["Nessun responsabile"], 10, fill: "#454545", max: 32));
                if (card.Heat != HeatLevel.None)
                {
                    root.Add(Text(svg, left + Column - 14, top + 16, l[JourneyMapGrid.HeatLabel(card.Heat)], 10, bold: true, fill: stroke, anchor: "end"));
                }

                foreach (var (number, n) in card.Shown.Take(2).Select((n, k) => (n, k)))
                {
                    root.Add(Text(svg, left + 8, top + 47 + n * 14, $"{l[number.Metric.Label]}: {JourneyMapGrid.Format(number.Value!.Value, number.Metric.Unit)}", 10, max: 32));
                }
            }
        }

        // The emotion curve, −2 at the bottom to +2 at the top, broken where a stage has no estimate.
        double Y(int e) => curveTop + 10 + (2 - e) * 22;
        root.Add(new XElement(svg + "line", new XAttribute("x1", Lane), new XAttribute("x2", width - 10), new XAttribute("y1", Y(0)), new XAttribute("y2", Y(0)),
            new XAttribute("stroke", "#adb5bd"), new XAttribute("stroke-dasharray", "6 6")));
        var points = new List<string>();
        for (var i = 0; i <= stages.Count; i++)
        {
            if (i < stages.Count && stages[i].Stage.Emotion is { } e)
            {
                var cx = Lane + i * Column + (Column - 6) / 2.0;
                points.Add(FormattableString.Invariant($"{cx:0.#},{Y(e):0.#}"));
                root.Add(new XElement(svg + "circle", new XAttribute("cx", cx.ToString("0.#", CultureInfo.InvariantCulture)), new XAttribute("cy", Y(e)),
                    new XAttribute("r", 5), new XAttribute("fill", e < 0 ? "#b3261e" : "#2e7d32")));
            }
            else if (points.Count > 0)
            {
                root.Add(new XElement(svg + "polyline", new XAttribute("points", string.Join(' ', points)), new XAttribute("fill", "none"),
                    new XAttribute("stroke", "#1f4e5f"), new XAttribute("stroke-width", 3)));
                points.Clear();
            }
        }

        return root;
    }

    private static string PhaseFill(Domain.JourneyPhase phase) => phase switch
    {
        Domain.JourneyPhase.Before => "#e8f0f7",
        Domain.JourneyPhase.During => "#eef5ea",
        _ => "#f7efe6",
    };

    private static (string Fill, string Stroke) HeatColours(HeatLevel heat) => heat switch
    {
        HeatLevel.Red => ("#fdecea", "#b3261e"),
        HeatLevel.Amber => ("#fff8e6", "#8a5200"),
        HeatLevel.Green => ("#ffffff", "#2e7d32"),
        _ => ("#ffffff", "#adb5bd"),
    };

    private static XElement Box(XNamespace svg, double x, double y, double w, double h, string fill, string? stroke) =>
        new(svg + "rect", new XAttribute("x", x), new XAttribute("y", y), new XAttribute("width", w), new XAttribute("height", h),
            new XAttribute("rx", 5), new XAttribute("fill", fill), new XAttribute("stroke", stroke ?? "none"), new XAttribute("stroke-width", stroke is null ? 0 : 2));

    /// <param name="max">Longer text is cut with an ellipsis (a card is a fixed width).</param>
    private static XElement Text(XNamespace svg, double x, double y, string text, int size, bool bold = false, string fill = "#212529", string anchor = "start", int max = int.MaxValue) =>
        new(svg + "text", new XAttribute("x", x), new XAttribute("y", y), new XAttribute("font-size", size), new XAttribute("fill", fill),
            new XAttribute("text-anchor", anchor), bold ? new XAttribute("font-weight", "bold") : null,
            text.Length > max ? text[..(max - 1)] + "…" : text);
}
