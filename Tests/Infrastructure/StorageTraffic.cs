using Azure.Core;
using Azure.Core.Pipeline;

namespace OrleansQueue.Tests.Infrastructure;

/// <summary>
/// Counts the writes that reach the partition blob container, through the Azure SDK's own pipeline: what a put or a get
/// really costs in storage, whatever the grain code believes it does.
/// </summary>
public sealed class StorageTraffic : HttpPipelineSynchronousPolicy
{
    private long writes;
    private long bytes;

    /// <summary>Blob writes so far (PUT requests).</summary>
    public long Writes => Interlocked.Read(ref writes);

    /// <summary>Bytes of request content those writes carried.</summary>
    public long Bytes => Interlocked.Read(ref bytes);

    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Request.Method == RequestMethod.Put
            && message.Request.Uri.Path.Contains($"/{Silo.QueueStorageSiloBuilderExtensions.PartitionContainer}/", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref writes);
            if (message.Request.Content?.TryComputeLength(out var length) == true)
            {
                Interlocked.Add(ref bytes, length);
            }
        }
    }
}
