using ILGPU.Runtime.Cuda;

namespace Livepeer.Cuda.Devices;

/// <summary>The CUDA devices this process can use, as ILGPU sees them.</summary>
public static class CudaDevices
{
    private static readonly Lazy<IReadOnlyList<GpuDeviceInfo>> Inventory = new(Probe);

    /// <summary>True when at least one CUDA device is usable.</summary>
    public static bool IsAvailable => Describe().Count > 0;

    /// <summary>
    /// Every usable CUDA device with its name and memory; empty on a machine without a GPU or driver.
    /// Probed once per process (devices do not come and go under a running silo).
    /// </summary>
    public static IReadOnlyList<GpuDeviceInfo> Describe() => Inventory.Value;

    private static IReadOnlyList<GpuDeviceInfo> Probe()
    {
        try
        {
            using var context = IlgpuContexts.Create();
            var devices = new List<GpuDeviceInfo>();
            foreach (var device in context.GetCudaDevices())
            {
                var capability = device.Architecture is { } architecture ? $"{architecture.Major}.{architecture.Minor}" : "unknown";
                devices.Add(new GpuDeviceInfo(device.DeviceId, device.Name, device.MemorySize, capability));
            }

            return devices;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // A broken driver install must not take the node down: it just has no usable GPU.
            return [];
        }
    }
}
