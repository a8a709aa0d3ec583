using Livepeer.Transcoding;

namespace Livepeer.Grains.Tests.Transcoding;

/// <summary>The messages that carry segments between gateway, orchestrator and workers, through Orleans' serializer.</summary>
public sealed class TranscodingMessageSerializationTests
{
    private static readonly byte[] Bytes = [0x47, 0x40, 0x00, 0x10, 0x00, 0xff];

    private static SourceSegment Source() => new("manifest-1", 42, SegmentFormat.Mp4, TimeSpan.FromMilliseconds(2_002), Bytes);

    private static TranscodedSegment Transcoded() => new(42, TimeSpan.FromSeconds(2), [
        new Rendition("240p0", 426, 240, 426L * 240 * 60, [1, 2, 3]),
        new Rendition("720p0", 1280, 720, 1280L * 720 * 60, []),
    ]);

    [Fact]
    public void SourceSegment_round_trips()
    {
        var segment = Source();

        var decoded = OrleansSerialization.RoundTrip(segment);

        Assert.Equal(segment.Data, decoded.Data);
        Assert.Equal(segment, decoded with { Data = segment.Data });
    }

    [Fact]
    public void TranscodedSegment_round_trips_with_its_renditions_in_order()
    {
        var segment = Transcoded();

        var decoded = OrleansSerialization.RoundTrip(segment);

        AssertTranscodedEqual(segment, decoded);
        Assert.Equal(segment.TotalPixels, decoded.TotalPixels);
    }

    [Fact]
    public void TranscodeJobChunk_round_trips_with_and_without_its_header()
    {
        var header = new TranscodeJobHeader("0xorch", "manifest-1", 42, SegmentFormat.MpegTs, TimeSpan.FromSeconds(2), 1_000_000,
            VideoProfiles.BenchmarkLadder);
        var first = new TranscodeJobChunk(Guid.NewGuid(), 0, 2, Bytes, header);
        var second = first with { Index = 1, Data = [9], Header = null };

        var decodedFirst = OrleansSerialization.RoundTrip(first);
        var decodedSecond = OrleansSerialization.RoundTrip(second);

        Assert.Equal((first.JobId, first.Index, first.Count), (decodedFirst.JobId, decodedFirst.Index, decodedFirst.Count));
        Assert.Equal(first.Data, decodedFirst.Data);
        Assert.NotNull(decodedFirst.Header);
        Assert.Equal(header.Profiles, decodedFirst.Header.Profiles);
        Assert.Equal(header, decodedFirst.Header with { Profiles = header.Profiles });
        Assert.Equal((second.JobId, 1, 2), (decodedSecond.JobId, decodedSecond.Index, decodedSecond.Count));
        Assert.Equal(second.Data, decodedSecond.Data);
        Assert.Null(decodedSecond.Header);
    }

    [Fact]
    public void A_whole_job_split_and_serialized_chunk_by_chunk_is_reassembled()
    {
        var data = new byte[2_500];
        new Random(7).NextBytes(data);
        var job = new TranscodeJob(Guid.NewGuid(), "0xorch", Source() with { Data = data }, VideoProfiles.BenchmarkLadder);
        var assembler = new TranscodeJobAssembler();

        var chunks = TranscodeJobChunks.Split(job, chunkSize: 1_000).Select(OrleansSerialization.RoundTrip).ToList();
        Assert.Equal(3, chunks.Count);
        Assert.Null(assembler.Add(chunks[0]));
        Assert.Null(assembler.Add(chunks[1]));
        var rebuilt = assembler.Add(chunks[2]);

        Assert.NotNull(rebuilt);
        Assert.Equal(data, rebuilt.Segment.Data);
        Assert.Equal(job.Profiles, rebuilt.Profiles);
    }

    [Fact]
    public void TranscodeOutcome_round_trips_as_success_or_failure()
    {
        var success = OrleansSerialization.RoundTrip(TranscodeOutcome.Success(Transcoded()));
        Assert.Null(success.Error);
        Assert.NotNull(success.Segment);
        AssertTranscodedEqual(Transcoded(), success.Segment);

        var error = new TranscodeError(TranscodeErrorKind.PaymentRejected, "payment error: invalid ticket signature");
        Assert.Equal(TranscodeOutcome.Failure(error), OrleansSerialization.RoundTrip(TranscodeOutcome.Failure(error)));
    }

    private static void AssertTranscodedEqual(TranscodedSegment expected, TranscodedSegment actual)
    {
        Assert.Equal((expected.SeqNo, expected.Duration), (actual.SeqNo, actual.Duration));
        Assert.Equal(expected.Renditions.Count, actual.Renditions.Count);
        foreach (var (e, a) in expected.Renditions.Zip(actual.Renditions))
        {
            Assert.Equal(e.Data, a.Data);
            Assert.Equal(e, a with { Data = e.Data });
        }
    }
}
