namespace OrleansQueue.Grains.Partitions;

/// <summary>The items of a partition, oldest first: a ring buffer that is a FIFO and can also be read by position.</summary>
internal sealed class ItemBuffer
{
    private const int InitialCapacity = 16;

    // The slots; the items are Count slots from head on, wrapping around.
    private StoredItem[] slots = new StoredItem[InitialCapacity];

    // The slot of the oldest item.
    private int head;

    public int Count { get; private set; }

    /// <summary>The bytes of all items' payloads.</summary>
    public long Bytes { get; private set; }

    /// <summary>The item at a position, 0 being the oldest.</summary>
    public StoredItem this[int index] => slots[(head + index) % slots.Length];

    public void Enqueue(StoredItem item)
    {
        if (Count == slots.Length)
        {
            var bigger = new StoredItem[slots.Length * 2];
            for (var i = 0; i < Count; i++)
            {
                bigger[i] = this[i];
            }

            slots = bigger;
            head = 0;
        }

        slots[(head + Count) % slots.Length] = item;
        Count++;
        Bytes += item.Payload.Length;
    }

    public StoredItem Dequeue()
    {
        var item = slots[head];
        slots[head] = default;
        head = (head + 1) % slots.Length;
        Count--;
        Bytes -= item.Payload.Length;
        return item;
    }

    /// <summary>The position of the first item whose sequence number is at least <paramref name="sequence"/>.</summary>
    public int PositionOf(long sequence) =>
        Count == 0 ? 0 : (int)Math.Clamp(sequence - this[0].Sequence, 0, Count);

    public void Clear()
    {
        slots = new StoredItem[InitialCapacity];
        head = 0;
        Count = 0;
        Bytes = 0;
    }
}
