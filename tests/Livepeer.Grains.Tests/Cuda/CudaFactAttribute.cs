using Livepeer.Cuda.Devices;

namespace Livepeer.Grains.Tests.Cuda;

/// <summary>A fact that runs only where a CUDA device exists and is reported as skipped elsewhere (xunit 2 has no runtime skip).</summary>
public sealed class CudaFactAttribute : FactAttribute
{
    public CudaFactAttribute()
    {
        if (!CudaDevices.IsAvailable)
        {
            Skip = "No CUDA device on this machine.";
        }
    }
}
