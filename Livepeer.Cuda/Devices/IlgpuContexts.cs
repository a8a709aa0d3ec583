using ILGPU;
using ILGPU.Runtime;
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

    /// <summary>
    /// <paramref name="create"/> on CUDA device <paramref name="deviceIndex"/> (ILGPU's CUDA order) of a new context,
    /// or null when there is no such device. The context is the result's to own; it is disposed if nothing is built.
    /// </summary>
    public static T? OnCudaDevice<T>(int deviceIndex, Func<Context, Device, T> create) where T : class
    {
        ArgumentOutOfRangeException.ThrowIfNegative(deviceIndex);
        return Build(context =>
        {
            var devices = context.GetCudaDevices();
            return deviceIndex < devices.Count ? create(context, devices[deviceIndex]) : null;
        });
    }

    /// <summary><paramref name="create"/> on ILGPU's CPU accelerator of a new context: for tests on tiny frames only (it is an emulator).</summary>
    public static T OnCpuDevice<T>(Func<Context, Device, T> create) where T : class =>
        Build(context => create(context, context.GetCPUDevice(0)))!;

    private static T? Build<T>(Func<Context, T?> create) where T : class
    {
        var context = Create();
        try
        {
            var built = create(context);
            if (built is null)
                context.Dispose();
            return built;
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }
}
