using ILGPU;
using ILGPU.Runtime;
using Livepeer.Cuda.Devices;
using Livepeer.Cuda.Frames;

namespace Livepeer.Cuda.Scaling;

/// <summary>
/// The bilinear scaler as an ILGPU kernel, on a CUDA device in production. Results are bit-identical to
/// <see cref="SimdFrameScaler"/>. The source is uploaded once per call and every rendition is produced from it;
/// device buffers grow to the largest frames seen and are then reused, so steady-state calls allocate nothing
/// on the device.
/// </summary>
/// <remarks>
/// Calls are serialised on one instance (one accelerator stream). ILGPU's CPU accelerator is an emulator about
/// 500× slower than <see cref="SimdFrameScaler"/>; <see cref="CreateCpu"/> exists for tests on tiny frames only.
/// </remarks>
public sealed class IlgpuFrameScaler : IFrameScaler
{
    private readonly Context _context;
    private readonly Accelerator _accelerator;
    private readonly Action<Index1D, ArrayView<byte>, ArrayView<byte>, BilinearKernelSizes> _kernel;
    private readonly Lock _gate = new();
    private MemoryBuffer1D<byte, Stride1D.Dense>? _sourceBuffer;
    private MemoryBuffer1D<byte, Stride1D.Dense>? _destinationBuffer;
    private bool _disposed;

    private IlgpuFrameScaler(Context context, Device device, string name)
    {
        _context = context;
        _accelerator = device.CreateAccelerator(context);
        try
        {
            // Compiles the kernel now, so a device the backend cannot target fails here and not mid-stream.
            _kernel = _accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<byte>, ArrayView<byte>, BilinearKernelSizes>(BilinearKernel.Run);
        }
        catch
        {
            _accelerator.Dispose();
            throw;
        }

        Name = name;
    }

    public string Name { get; }

    /// <summary>Device buffers allocated so far (grows only when a larger frame arrives).</summary>
    internal int DeviceAllocations { get; private set; }

    /// <summary>
    /// A scaler on CUDA device <paramref name="deviceIndex"/> (in ILGPU's CUDA device order), or null when there
    /// is no such device. Throws when the device exists but the kernel cannot be compiled or loaded for it.
    /// </summary>
    public static IlgpuFrameScaler? TryCreateCuda(int deviceIndex = 0) =>
        IlgpuContexts.OnCudaDevice(deviceIndex, (context, device) => new IlgpuFrameScaler(context, device, $"cuda:{device.Name}"));

    /// <summary>A scaler on ILGPU's CPU accelerator. For tests on tiny frames only (it is an emulator).</summary>
    public static IlgpuFrameScaler CreateCpu() =>
        IlgpuContexts.OnCpuDevice((context, device) => new IlgpuFrameScaler(context, device, "ilgpu-cpu"));

    public void Scale(Yuv420Frame source, Yuv420Frame destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ScaleToAll(source, [destination]);
    }

    public void ScaleToAll(Yuv420Frame source, IReadOnlyList<Yuv420Frame> destinations)
    {
        ScaleArguments.Validate(source, destinations);
        if (destinations.Count == 0)
        {
            return;
        }

        long total = 0;
        foreach (var destination in destinations)
        {
            total += destination.Length;
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            ArrayView<byte> sourceView = Ensure(ref _sourceBuffer, source.Length).View.SubView(0, source.Length);
            ArrayView<byte> destinationView = Ensure(ref _destinationBuffer, total).View;

            sourceView.CopyFromCPU((ReadOnlySpan<byte>)source.Bytes);

            long offset = 0;
            foreach (var destination in destinations)
            {
                var from = source.Layout;
                var to = destination.Layout;
                var sizes = new BilinearKernelSizes(
                    from.Y.Width, from.Y.Height, from.U.Width, from.U.Height, to.Y.Width, to.Y.Height, to.U.Width, to.U.Height);
                _kernel(destination.Length, sourceView, destinationView.SubView(offset, destination.Length), sizes);
                offset += destination.Length;
            }

            _accelerator.Synchronize();

            offset = 0;
            foreach (var destination in destinations)
            {
                destinationView.SubView(offset, destination.Length).CopyToCPU(destination.Bytes);
                offset += destination.Length;
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _sourceBuffer?.Dispose();
            _destinationBuffer?.Dispose();
            _accelerator.Dispose();
            _context.Dispose();
        }
    }

    private MemoryBuffer1D<byte, Stride1D.Dense> Ensure(ref MemoryBuffer1D<byte, Stride1D.Dense>? buffer, long length)
    {
        if (buffer is null || buffer.Length < length)
        {
            buffer?.Dispose();
            buffer = _accelerator.Allocate1D<byte>(length);
            DeviceAllocations++;
        }

        return buffer;
    }
}
