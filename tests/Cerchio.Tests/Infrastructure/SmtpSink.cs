using System.Diagnostics;
using MimeKit;

namespace Cerchio.Tests.Infrastructure;

/// <summary>
/// A real SMTP server (aiosmtpd, installed by ./test.sh) writing each message it accepts into a Maildir, so tests
/// read back exactly what went over the wire. It can be stopped and started again on the same port.
/// </summary>
public sealed class SmtpSink : IDisposable
{
    private readonly string _maildir = Path.Combine(Path.GetTempPath(), $"cerchio-smtp-{Guid.NewGuid():N}");
    private Process? _server;

    public SmtpSink()
    {
        foreach (var folder in new[] { "tmp", "new", "cur" })
        {
            Directory.CreateDirectory(Path.Combine(_maildir, folder));
        }

        Port = LocalPorts.Free();
        Start();
    }

    public int Port { get; }

    public void Start()
    {
        if (_server is { HasExited: false })
        {
            return;
        }

        _server = Process.Start(new ProcessStartInfo("/usr/bin/python3",
            ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "aiosmtpd.handlers.Mailbox", _maildir])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("aiosmtpd did not start.");
        WaitForPort(listening: true);
    }

    public void Stop()
    {
        if (_server is { HasExited: false } server)
        {
            server.Kill();
            server.WaitForExit();
        }

        WaitForPort(listening: false);
    }

    /// <summary>Every message received so far, parsed.</summary>
    public IReadOnlyList<MimeMessage> Messages() =>
        Directory.GetFiles(Path.Combine(_maildir, "new")).Select(f => MimeMessage.Load(f)).ToList();

    public IReadOnlyList<MimeMessage> MessagesWithId(string messageId) => Messages().Where(m => m.MessageId == messageId).ToList();

    public void Dispose()
    {
        Stop();
        Directory.Delete(_maildir, recursive: true);
    }

    private void WaitForPort(bool listening)
    {
        if (!LocalPorts.WaitUntil(Port, listening, () => listening && _server is { HasExited: true }))
        {
            var error = _server is { HasExited: true } s ? s.StandardError.ReadToEnd() : "";
            throw new InvalidOperationException($"The SMTP sink on port {Port} did not {(listening ? "start" : "stop")}. {error}");
        }
    }
}
