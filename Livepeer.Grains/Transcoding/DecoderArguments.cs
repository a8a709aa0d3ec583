namespace Livepeer.Transcoding;

/// <summary>ffmpeg input options of the decoder, shared by both engines.</summary>
public static class DecoderArguments
{
    /// <summary>
    /// NVDEC decode on CUDA hosts. Without <c>-hwaccel_output_format cuda</c> ffmpeg copies each decoded frame back to
    /// system memory, which is what the CPU filters, the raw-frame pipe and libx264 need.
    /// </summary>
    public static string Input(bool cudaDecode) => cudaDecode ? "-hwaccel cuda" : "";
}
