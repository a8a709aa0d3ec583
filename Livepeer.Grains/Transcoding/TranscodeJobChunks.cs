namespace Livepeer.Transcoding;

/// <summary>Splits a job into stream-sized chunks, and reassembles them on the worker.</summary>
public static class TranscodeJobChunks
{
    /// <summary>Data bytes per chunk: half of the memory stream's 1 MiB block, leaving room for the envelope.</summary>
    public const int DefaultChunkSize = 512 * 1024;

    public static IReadOnlyList<TranscodeJobChunk> Split(TranscodeJob job, int chunkSize = DefaultChunkSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        var segment = job.Segment;
        var header = new TranscodeJobHeader(job.OrchestratorId, segment.ManifestId, segment.SeqNo, segment.Format,
            segment.Duration, segment.Data.Length, job.Profiles);
        var count = Math.Max(1, (segment.Data.Length + chunkSize - 1) / chunkSize);
        return Enumerable.Range(0, count).Select(i =>
        {
            var start = i * chunkSize;
            var data = segment.Data.AsSpan(start, Math.Min(chunkSize, segment.Data.Length - start)).ToArray();
            return new TranscodeJobChunk(job.JobId, i, count, data, i == 0 ? header : null);
        }).ToList();
    }
}

/// <summary>
/// Collects the chunks of the jobs streamed to one worker. Chunks of one job arrive in order, but the chunks of jobs
/// published at the same time may interleave, and a job whose sender died mid-way must not linger: beyond
/// <see cref="MaxPartialJobs"/> the oldest incomplete job is dropped.
/// </summary>
public sealed class TranscodeJobAssembler
{
    public const int MaxPartialJobs = 16;

    private readonly Dictionary<Guid, PartialJob> _partial = [];
    private readonly Queue<Guid> _arrival = new();

    /// <summary>Whether some but not all chunks of the job have arrived.</summary>
    public bool IsAssembling(Guid jobId) => _partial.ContainsKey(jobId);

    public int PartialJobs => _partial.Count;

    /// <summary>Adds a chunk; returns the whole job when its last chunk arrives, otherwise null.</summary>
    /// <exception cref="InvalidDataException">A chunk out of order, or inconsistent with its job's header.</exception>
    public TranscodeJob? Add(TranscodeJobChunk chunk)
    {
        if (chunk.Index == 0)
            Start(chunk);
        if (!_partial.TryGetValue(chunk.JobId, out var job) || chunk.Index != job.NextIndex)
            throw new InvalidDataException($"chunk {chunk.Index} of job {chunk.JobId} arrived out of order");
        try
        {
            return job.Append(chunk);
        }
        catch (InvalidDataException)
        {
            _partial.Remove(chunk.JobId);
            throw;
        }
        finally
        {
            if (job.NextIndex >= chunk.Count)
                _partial.Remove(chunk.JobId);
        }
    }

    private void Start(TranscodeJobChunk chunk)
    {
        var header = chunk.Header ?? throw new InvalidDataException($"first chunk of job {chunk.JobId} has no header");
        if (header.TotalBytes < 0)
            throw new InvalidDataException($"job {chunk.JobId} announces a negative size");
        _partial[chunk.JobId] = new PartialJob(chunk.JobId, header);
        _arrival.Enqueue(chunk.JobId);
        while (_partial.Count > MaxPartialJobs && _arrival.TryDequeue(out var oldest))
            _partial.Remove(oldest);
        // Forget arrival entries of jobs already finished so the queue stays bounded too.
        while (_arrival.TryPeek(out var head) && !_partial.ContainsKey(head))
            _arrival.Dequeue();
    }

    private sealed class PartialJob(Guid jobId, TranscodeJobHeader header)
    {
        private readonly byte[] _data = new byte[header.TotalBytes];
        private int _received;

        public int NextIndex { get; private set; }

        public TranscodeJob? Append(TranscodeJobChunk chunk)
        {
            if (_received + chunk.Data.Length > _data.Length)
                throw new InvalidDataException($"job {jobId} has more data than its header announced");
            chunk.Data.CopyTo(_data, _received);
            _received += chunk.Data.Length;
            NextIndex++;
            if (NextIndex < chunk.Count)
                return null;
            if (_received != header.TotalBytes)
                throw new InvalidDataException($"job {jobId} ended with {_received} of {header.TotalBytes} bytes");
            var segment = new SourceSegment(header.ManifestId, header.SeqNo, header.Format, header.Duration, _data);
            return new TranscodeJob(jobId, header.OrchestratorId, segment, header.Profiles);
        }
    }
}
