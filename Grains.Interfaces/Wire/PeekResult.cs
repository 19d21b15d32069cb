using System.Collections.Immutable;

namespace OrleansQueue.Grains;

/// <summary>A page of an iteration, bounded by the silo in items and bytes.</summary>
/// <param name="Items">The items, oldest first; empty when none came within the wait.</param>
/// <param name="NextSequence">Where the next page starts.</param>
[GenerateSerializer, Immutable, Alias("OrleansQueue.PeekResult")]
public sealed record PeekResult(ImmutableArray<byte[]> Items, long NextSequence);
