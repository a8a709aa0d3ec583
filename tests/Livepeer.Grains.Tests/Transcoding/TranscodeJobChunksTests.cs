using Livepeer.Transcoding;

namespace Livepeer.Grains.Tests.Transcoding;

public sealed class TranscodeJobChunksTests
{
    private static readonly IReadOnlyList<VideoProfile> Ladder = VideoProfiles.BenchmarkLadder;

    private static TranscodeJob Job(int bytes)
    {
        var data = new byte[bytes];
        new Random(bytes).NextBytes(data);
        return new TranscodeJob(Guid.NewGuid(), "orch", new SourceSegment("m", 7, SegmentFormat.MpegTs, TimeSpan.FromSeconds(2), data), Ladder);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(10, 1)]
    [InlineData(11, 2)]
    [InlineData(95, 10)]
    public void Split_makes_ordered_chunks_with_the_header_on_the_first_only(int bytes, int expectedChunks)
    {
        var chunks = TranscodeJobChunks.Split(Job(bytes), chunkSize: 10);

        Assert.Equal(expectedChunks, chunks.Count);
        Assert.All(chunks, c => Assert.Equal(expectedChunks, c.Count));
        Assert.Equal(Enumerable.Range(0, expectedChunks), chunks.Select(c => c.Index));
        Assert.NotNull(chunks[0].Header);
        Assert.All(chunks.Skip(1), c => Assert.Null(c.Header));
        Assert.All(chunks, c => Assert.InRange(c.Data.Length, 0, 10));
    }

    [Fact]
    public void Assembler_rebuilds_the_job_from_its_chunks()
    {
        var job = Job(2_000_000);
        var assembler = new TranscodeJobAssembler();

        TranscodeJob? result = null;
        foreach (var chunk in TranscodeJobChunks.Split(job))
        {
            Assert.Null(result);
            result = assembler.Add(chunk);
        }

        Assert.NotNull(result);
        Assert.Equal(job.JobId, result.JobId);
        Assert.Equal(job.OrchestratorId, result.OrchestratorId);
        Assert.Equal(job.Segment.Data, result.Segment.Data);
        Assert.Equal(job.Segment with { Data = result.Segment.Data }, result.Segment);
        Assert.Equal(Ladder, result.Profiles);
        Assert.Equal(0, assembler.PartialJobs);
    }

    [Fact]
    public void Interleaved_jobs_are_both_assembled()
    {
        var first = TranscodeJobChunks.Split(Job(35), 10);
        var second = TranscodeJobChunks.Split(Job(25), 10);
        var assembler = new TranscodeJobAssembler();

        var done = new List<TranscodeJob>();
        for (var i = 0; i < Math.Max(first.Count, second.Count); i++)
        {
            if (i < first.Count && assembler.Add(first[i]) is { } a) done.Add(a);
            if (i < second.Count && assembler.Add(second[i]) is { } b) done.Add(b);
        }

        Assert.Equal([second[0].JobId, first[0].JobId], done.Select(j => j.JobId));
    }

    [Fact]
    public void Out_of_order_chunk_is_rejected()
    {
        var chunks = TranscodeJobChunks.Split(Job(30), 10);
        var assembler = new TranscodeJobAssembler();
        assembler.Add(chunks[0]);

        Assert.Throws<InvalidDataException>(() => assembler.Add(chunks[2]));
    }

    [Fact]
    public void Chunk_of_an_unknown_job_is_rejected()
    {
        var chunks = TranscodeJobChunks.Split(Job(30), 10);

        Assert.Throws<InvalidDataException>(() => new TranscodeJobAssembler().Add(chunks[1]));
    }

    [Fact]
    public void More_data_than_announced_is_rejected_and_the_job_forgotten()
    {
        var chunks = TranscodeJobChunks.Split(Job(15), 10);
        var assembler = new TranscodeJobAssembler();
        assembler.Add(chunks[0]);

        Assert.Throws<InvalidDataException>(() => assembler.Add(chunks[1] with { Data = new byte[10] }));
        Assert.Equal(0, assembler.PartialJobs);
    }

    [Fact]
    public void Abandoned_jobs_are_bounded()
    {
        var assembler = new TranscodeJobAssembler();
        for (var i = 0; i < TranscodeJobAssembler.MaxPartialJobs + 5; i++)
            assembler.Add(TranscodeJobChunks.Split(Job(30), 10)[0]);

        Assert.Equal(TranscodeJobAssembler.MaxPartialJobs, assembler.PartialJobs);
    }
}
