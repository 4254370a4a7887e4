using System.Diagnostics;
using Cerchio.Service.Features.InboundEmail;

// usage: InboundParse <corpus folder> [seconds]
// Parses every .eml of the corpus in turn, on one thread, for the given time after a one-second warm-up, and
// prints messages/s and MB/s: once for the parse alone, once with the quoted-history split a case message needs.
var folder = args.Length > 0 ? args[0] : "tests/Cerchio.Tests/Service/InboundMail";
var seconds = args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5;
var files = Directory.GetFiles(folder, "*.eml").Order().ToArray();
var corpus = files.Select(File.ReadAllBytes).ToArray();
if (corpus.Length == 0)
{
    Console.Error.WriteLine($"No .eml files in {folder}");
    return 1;
}

Console.WriteLine($"corpus: {corpus.Length} messages, {corpus.Sum(m => m.Length) / 1024.0:0.0} KB, average {corpus.Average(m => m.Length) / 1024.0:0.0} KB");
Measure("parse", TimeSpan.FromSeconds(1), split: false);
Measure("parse", TimeSpan.FromSeconds(seconds), split: false, print: true);
Measure("parse + split", TimeSpan.FromSeconds(seconds), split: true, print: true);

// Where the time goes: the costliest messages, 200 parses each.
var costs = corpus.Select((raw, i) =>
{
    var watch = Stopwatch.StartNew();
    for (var n = 0; n < 200; n++)
    {
        InboundEmailParser.Parse(new MemoryStream(raw, writable: false), InboundLimits.Default, CancellationToken.None);
    }

    return (Name: Path.GetFileName(files[i]), Ms: watch.Elapsed.TotalMilliseconds / 200);
}).OrderByDescending(c => c.Ms).ToList();
Console.WriteLine("costliest: " + string.Join(", ", costs.Take(4).Select(c => $"{c.Name} {c.Ms:0.00} ms")));
Console.WriteLine($"cheapest:  {costs[^1].Name} {costs[^1].Ms:0.00} ms");
return 0;

void Measure(string name, TimeSpan duration, bool split, bool print = false)
{
    var watch = Stopwatch.StartNew();
    long messages = 0, bytes = 0;
    while (watch.Elapsed < duration)
    {
        foreach (var raw in corpus)
        {
            var outcome = InboundEmailParser.Parse(new MemoryStream(raw, writable: false), InboundLimits.Default, CancellationToken.None);
            if (!outcome.Succeeded)
            {
                throw new InvalidOperationException(outcome.Reason);
            }

            if (split)
            {
                _ = QuotedHistory.Split(outcome.Email.TextBody);
            }

            messages++;
            bytes += raw.Length;
        }
    }

    var elapsed = watch.Elapsed.TotalSeconds;
    if (print)
    {
        Console.WriteLine($"{name,-14} {messages / elapsed,10:N0} messages/s {bytes / elapsed / (1024 * 1024),8:0.0} MB/s ({messages:N0} in {elapsed:0.0} s)");
    }
}
