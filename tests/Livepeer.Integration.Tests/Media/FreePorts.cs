using System.Net;
using System.Net.Sockets;

namespace Livepeer.Integration.Tests.Media;

/// <summary>Free loopback ports for servers started by tests (two silos on one port bind silently; see stack notes P4).</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
