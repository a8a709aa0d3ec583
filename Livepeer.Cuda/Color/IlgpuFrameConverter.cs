using ILGPU;
using ILGPU.Runtime;
using Livepeer.Cuda.Devices;
using Livepeer.Cuda.Frames;

namespace Livepeer.Cuda.Color;

/// <summary>
/// <see cref="IFrameConverter"/> as one ILGPU kernel (<see cref="ConversionKernel"/>), on a CUDA device in production
/// and on ILGPU's CPU accelerator in tests. Device buffers grow to the largest frames seen and are reused.
/// </summary>
/// <remarks>Calls are serialised on one instance (one accelerator stream).</remarks>
public sealed class IlgpuFrameConverter : IFrameConverter
{
    private readonly Context _context;
    private readonly Accelerator _accelerator;
    private readonly Action<Index1D, ArrayView<byte>, ArrayView<byte>, ConversionGeometry, ColorCoefficients> _kernel;
    private readonly Lock _gate = new();
    private MemoryBuffer1D<byte, Stride1D.Dense>? _source;
    private MemoryBuffer1D<byte, Stride1D.Dense>? _destination;
    private bool _disposed;

    private IlgpuFrameConverter(Context context, Device device, string name)
    {
        _context = context;
        _accelerator = device.CreateAccelerator(context);
        try
        {
            // Compiled now, so a device the backend cannot target fails at start and not mid-stream.
            _kernel = _accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<byte>, ArrayView<byte>, ConversionGeometry, ColorCoefficients>(
                ConversionKernel.Run);
        }
        catch
        {
            _accelerator.Dispose();
            throw;
        }

        Name = name;
    }

    public string Name { get; }

    /// <summary>A converter on CUDA device <paramref name="deviceIndex"/>, or null when there is none.</summary>
    public static IlgpuFrameConverter? TryCreateCuda(int deviceIndex = 0) =>
        IlgpuContexts.OnCudaDevice(deviceIndex, (context, device) => new IlgpuFrameConverter(context, device, $"cuda:{device.Name}"));

    /// <summary>On ILGPU's CPU accelerator: for tests on tiny frames only (it is an emulator).</summary>
    public static IlgpuFrameConverter CreateCpu() =>
        IlgpuContexts.OnCpuDevice((context, device) => new IlgpuFrameConverter(context, device, "ilgpu-cpu"));

    public void Convert(PitchedFrame source, PitchedFrame destination, ColorSpace colorSpace = default)
    {
        var geometry = ConversionGeometry.For(source, destination);
        var coefficients = colorSpace.Coefficients();
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            ArrayView<byte> sourceView = Ensure(ref _source, source.Layout.ByteSize).View.SubView(0, source.Layout.ByteSize);
            ArrayView<byte> destinationView = Ensure(ref _destination, destination.Layout.ByteSize).View.SubView(0, destination.Layout.ByteSize);
            sourceView.CopyFromCPU((ReadOnlySpan<byte>)source.Bytes);
            // Padding bytes are not written by the kernel; start from the destination's own bytes so they survive.
            destinationView.CopyFromCPU((ReadOnlySpan<byte>)destination.Bytes);
            _kernel(geometry.Items, sourceView, destinationView, geometry, coefficients);
            _accelerator.Synchronize();
            destinationView.CopyToCPU(destination.Bytes);
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
        }

        return buffer;
    }
}
