using ILGPU;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;

namespace Livepeer.Cuda.Devices;

/// <summary>The one way this project opens an ILGPU context.</summary>
internal static class IlgpuContexts
{
    /// <summary>
    /// CUDA devices plus the single default CPU device, and deliberately no OpenCL: ILGPU's own preferred-device
    /// choice sorts every non-CPU device by memory, so an OpenCL CPU runtime could win over a CUDA card
    /// (see shared spec: stack-notes.md §4). Callers pick a device explicitly instead.
    /// A machine without libcuda simply contributes no CUDA device.
    /// </summary>
    public static Context Create() => Context.Create(builder => builder.Cuda().DefaultCPU());
}
