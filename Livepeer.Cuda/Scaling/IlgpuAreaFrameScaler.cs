using ILGPU;
using ILGPU.Runtime;
using Livepeer.Cuda.Devices;
using Livepeer.Cuda.Frames;

namespace Livepeer.Cuda.Scaling;

/// <summary>
/// The area scaler as one fused ILGPU kernel (<see cref="AreaKernel"/>): the source is uploaded once and a single
/// launch writes every plane of every rendition. Bit-identical to <see cref="AreaFrameScaler"/>. Device buffers and the
/// ladder's tables are uploaded once and reused while the ladder stays the same.
/// </summary>
/// <remarks>Calls are serialised on one instance (one accelerator stream).</remarks>
public sealed class IlgpuAreaFrameScaler : IFrameScaler
{
    private readonly Context _context;
    private readonly Accelerator _accelerator;
    private readonly Action<Index1D, ArrayView<byte>, ArrayView<byte>, ArrayView<int>, ArrayView<int>, int> _kernel;
    private readonly Lock _gate = new();
    private MemoryBuffer1D<byte, Stride1D.Dense>? _source;
    private MemoryBuffer1D<byte, Stride1D.Dense>? _destination;
    private MemoryBuffer1D<int, Stride1D.Dense>? _jobs;
    private MemoryBuffer1D<int, Stride1D.Dense>? _tables;
    private AreaPlan? _plan;
    private bool _disposed;

    private IlgpuAreaFrameScaler(Context context, Device device, string name)
    {
        _context = context;
        _accelerator = device.CreateAccelerator(context);
        try
        {
            _kernel = _accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<byte>, ArrayView<byte>, ArrayView<int>, ArrayView<int>, int>(AreaKernel.Run);
        }
        catch
        {
            _accelerator.Dispose();
            throw;
        }

        Name = name;
    }

    public string Name { get; }

    /// <summary>A scaler on CUDA device <paramref name="deviceIndex"/>, or null when there is none.</summary>
    public static IlgpuAreaFrameScaler? TryCreateCuda(int deviceIndex = 0) =>
        IlgpuContexts.OnCudaDevice(deviceIndex, (context, device) => new IlgpuAreaFrameScaler(context, device, $"area-cuda:{device.Name}"));

    /// <summary>On ILGPU's CPU accelerator: for tests on tiny frames only (it is an emulator).</summary>
    public static IlgpuAreaFrameScaler CreateCpu() =>
        IlgpuContexts.OnCpuDevice((context, device) => new IlgpuAreaFrameScaler(context, device, "area-ilgpu-cpu"));

    public void Scale(Yuv420Frame source, Yuv420Frame destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ScaleToAll(source, [destination]);
    }

    public void ScaleToAll(Yuv420Frame source, IReadOnlyList<Yuv420Frame> destinations)
    {
        ScaleArguments.Validate(source, destinations);
        if (destinations.Count == 0)
            return;

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_plan is null || !_plan.Matches(source, destinations))
            {
                _plan = AreaPlan.Create(source, destinations);
                Ensure(ref _jobs, _plan.Jobs.Length).View.SubView(0, _plan.Jobs.Length).CopyFromCPU(_plan.Jobs);
                Ensure(ref _tables, _plan.Tables.Length).View.SubView(0, _plan.Tables.Length).CopyFromCPU(_plan.Tables);
            }

            long total = 0;
            foreach (var destination in destinations)
                total += destination.Length;

            ArrayView<byte> sourceView = Ensure(ref _source, source.Length).View.SubView(0, source.Length);
            ArrayView<byte> destinationView = Ensure(ref _destination, total).View.SubView(0, total);
            sourceView.CopyFromCPU((ReadOnlySpan<byte>)source.Bytes);
            _kernel((int)total, sourceView, destinationView, _jobs!.View, _tables!.View, destinations.Count * 3);
            _accelerator.Synchronize();

            long offset = 0;
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
                return;
            _disposed = true;
            _source?.Dispose();
            _destination?.Dispose();
            _jobs?.Dispose();
            _tables?.Dispose();
            _accelerator.Dispose();
            _context.Dispose();
        }
    }

    private MemoryBuffer1D<T, Stride1D.Dense> Ensure<T>(ref MemoryBuffer1D<T, Stride1D.Dense>? buffer, long length)
        where T : unmanaged
    {
        if (buffer is null || buffer.Length < length)
        {
            buffer?.Dispose();
            buffer = _accelerator.Allocate1D<T>(length);
        }

        return buffer;
    }
}
