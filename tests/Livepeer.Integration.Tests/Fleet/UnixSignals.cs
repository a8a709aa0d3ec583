using System.Runtime.InteropServices;

namespace Livepeer.Integration.Tests.Fleet;

/// <summary>SIGTERM for a graceful stop (.NET's Process.Kill sends only SIGKILL).</summary>
internal static partial class UnixSignals
{
    private const int SigTerm = 15;

    public static void Terminate(int pid)
    {
        if (Kill(pid, SigTerm) != 0)
            throw new InvalidOperationException($"kill({pid}, SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
