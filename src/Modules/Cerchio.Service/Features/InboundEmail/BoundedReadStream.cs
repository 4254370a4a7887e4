using System.Security.Cryptography;

namespace Cerchio.Service.Features.InboundEmail;

/// <summary>Thrown by <see cref="BoundedReadStream"/> when the source holds more than the limit.</summary>
internal sealed class MessageTooLargeException(long limit) : IOException(FormattableString.Invariant($"The message is larger than {limit} bytes."))
{
    public long Limit { get; } = limit;
}

/// <summary>
/// A read-only, forward-only view of the raw message that refuses to read past the size limit (so a 2 GB upload
/// costs at most limit + 1 bytes) and hashes what it reads, for a stable Message-ID and de-duplication.
/// </summary>
internal sealed class BoundedReadStream(Stream inner, long limit) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _read;

    public long BytesRead => _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    /// <summary>SHA-256 of every byte read so far.</summary>
    public byte[] Hash() => _hash.GetCurrentHash();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        // Ask for at most one byte past the limit: enough to know it was crossed, never much more.
        var n = inner.Read(buffer[..Allowed(buffer.Length)]);
        return Count(buffer[..n]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await inner.ReadAsync(buffer[..Allowed(buffer.Length)], cancellationToken).ConfigureAwait(false);
        return Count(buffer.Span[..n]);
    }

    private int Allowed(int requested)
    {
        var remaining = limit - _read;   // never negative: crossing the limit throws
        return remaining >= requested ? requested : (int)remaining + 1;
    }

    private int Count(ReadOnlySpan<byte> bytes)
    {
        _read += bytes.Length;
        if (_read > limit)
        {
            throw new MessageTooLargeException(limit);
        }

        _hash.AppendData(bytes);
        return bytes.Length;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }
}
