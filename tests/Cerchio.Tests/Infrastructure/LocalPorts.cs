using System.Net;
using System.Net.Sockets;

namespace Cerchio.Tests.Infrastructure;

/// <summary>Ports on 127.0.0.1 for the test servers (SMTP sink, IMAP): a free one, and waiting until one opens or closes.</summary>
public static class LocalPorts
{
    public static int Free()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Waits for the port to reach the state, or for the server to die; false after the timeout.</summary>
    public static bool WaitUntil(int port, bool listening, Func<bool>? gaveUp = null, TimeSpan? timeout = null) =>
        SpinWait.SpinUntil(() => IsListening(port) == listening || gaveUp?.Invoke() == true, timeout ?? TimeSpan.FromSeconds(20))
        && IsListening(port) == listening;
}
