namespace Livepeer.Cuda.Devices;

/// <summary>One GPU as a node would advertise it (e.g. in silo metadata).</summary>
/// <param name="Index">The CUDA device ordinal.</param>
/// <param name="Name">The driver's name for the card, e.g. <c>NVIDIA H100 80GB HBM3</c>.</param>
/// <param name="MemoryBytes">Total device memory.</param>
/// <param name="ComputeCapability">CUDA compute capability as <c>major.minor</c> (e.g. <c>9.0</c>), or <c>unknown</c>.</param>
public sealed record GpuDeviceInfo(int Index, string Name, long MemoryBytes, string ComputeCapability);
