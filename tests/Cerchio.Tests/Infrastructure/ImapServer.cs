using System.Diagnostics;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using MimeKit;

namespace Cerchio.Tests.Infrastructure;

/// <summary>
/// A real IMAP server (dovecot, installed by ./test.sh) on a free port of 127.0.0.1, with its own users and Maildirs
/// in a temporary folder. Tests deliver mail into it by IMAP APPEND, as a mail server would store it.
/// </summary>
public sealed class ImapServer : IDisposable
{
    public const string Password = "segreta-2026";

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"cerchio-imap-{Guid.NewGuid():N}");
    private readonly Process _server;
    private readonly List<string> _users;

    public ImapServer(params string[] users)
    {
        _users = [.. users];
        Port = LocalPorts.Free();
        foreach (var folder in new[] { "run", "state", "mail" })
        {
            Directory.CreateDirectory(Path.Combine(_root, folder));
        }

        // dovecot refuses to serve mail as root: as root it switches to the "mail" user, who must be able to create the Maildirs.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(_root, "mail"), (UnixFileMode)0b111_111_111);
        }

        var asRoot = UnixUid() == "0";
        var (uid, gid, firstUid) = asRoot ? ("mail", "mail", "8") : (UnixUid(), UnixGid(), UnixUid());
        File.WriteAllText(Path.Combine(_root, "users"), string.Concat(users.Select(u => $"{u}:{{PLAIN}}{Password}\n")));
        File.WriteAllText(Path.Combine(_root, "dovecot.conf"), $$"""
            protocols = imap
            listen = 127.0.0.1
            base_dir = {{_root}}/run
            state_dir = {{_root}}/state
            log_path = {{_root}}/dovecot.log
            ssl = no
            first_valid_uid = {{firstUid}}
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            mail_location = maildir:{{_root}}/mail/%u/Maildir
            passdb {
              driver = passwd-file
              args = scheme=PLAIN username_format=%u {{_root}}/users
            }
            userdb {
              driver = static
              args = uid={{uid}} gid={{gid}} home={{_root}}/mail/%u
            }
            service imap-login {
              inet_listener imap {
                address = 127.0.0.1
                port = {{Port}}
              }
              inet_listener imaps {
                port = 0
              }
            }
            """);
        _server = Process.Start(new ProcessStartInfo("/usr/sbin/dovecot", ["-F", "-c", Path.Combine(_root, "dovecot.conf")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("dovecot did not start.");
        if (!LocalPorts.WaitUntil(Port, listening: true, () => _server.HasExited))
        {
            var log = File.Exists(Path.Combine(_root, "dovecot.log")) ? File.ReadAllText(Path.Combine(_root, "dovecot.log")) : "";
            throw new InvalidOperationException($"dovecot did not start on {Port}: {_server.StandardError.ReadToEnd()} {log}");
        }
    }

    public int Port { get; }

    /// <summary>Stores a message in the user's INBOX, as delivery would.</summary>
    public async Task<uint> DeliverAsync(string user, MimeMessage message)
    {
        using var client = new ImapClient();
        await client.ConnectAsync("127.0.0.1", Port, SecureSocketOptions.None);
        await client.AuthenticateAsync(user, Password);
        var uid = await client.Inbox.AppendAsync(message, MessageFlags.None);
        await client.DisconnectAsync(true);
        return uid?.Id ?? 0;
    }

    public void Dispose()
    {
        if (!_server.HasExited)
        {
            _server.Kill(entireProcessTree: true);
            _server.WaitForExit();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // dovecot's children may still hold a log open for a moment; the temp folder is cleaned by the system.
        }
    }

    private static string UnixUid() => Run("id", "-u");

    private static string UnixGid() => Run("id", "-g");

    private static string Run(string file, string argument)
    {
        using var process = Process.Start(new ProcessStartInfo(file, argument) { RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return output;
    }
}
