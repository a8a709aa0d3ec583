using Livepeer.Cuda.Frames;

namespace Livepeer.Grains.Tests.Cuda;

internal static class TestFrames
{
    /// <summary>A frame of seeded noise: the hardest content for catching a wrong tap or weight.</summary>
    public static Yuv420Frame Noise(int width, int height, int seed = 1)
    {
        var frame = Yuv420Frame.Rent(width, height);
        new Random(seed).NextBytes(frame.Bytes);
        return frame;
    }

    /// <summary>A frame whose bytes are already set to a value a scaler never writes to every sample.</summary>
    public static Yuv420Frame Dirty(int width, int height)
    {
        var frame = Yuv420Frame.Rent(width, height);
        frame.Bytes.Fill(0xA5);
        return frame;
    }

    /// <summary>Index and values of the first differing byte, for a readable failure.</summary>
    public static void AssertSameBytes(Yuv420Frame expected, Yuv420Frame actual, string because)
    {
        Assert.Equal(expected.Length, actual.Length);
        var e = expected.Bytes;
        var a = actual.Bytes;
        var at = e.CommonPrefixLength(a);
        if (at != e.Length)
        {
            var plane = at < expected.U.Offset ? "Y" : at < expected.V.Offset ? "U" : "V";
            Assert.Fail($"{because}: byte {at} (plane {plane}) of {expected} is {a[at]}, expected {e[at]}.");
        }
    }
}
