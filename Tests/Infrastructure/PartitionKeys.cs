namespace OrleansQueue.Tests.Infrastructure;

/// <summary>Partition keys that storage back ends refuse or mangle unless the partition encodes them (C2).</summary>
public static class PartitionKeys
{
    public static TheoryData<string> Hostile => new()
    {
        "with/slash",
        "back\\slash",
        "#hash?query",
        "tab\tnew\nline\u0001",
        "🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉", // 64 bytes of UTF-8
        "ключ",
    };
}
