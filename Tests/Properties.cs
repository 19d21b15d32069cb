// The test collections run one after another: each starts silos, and on two cores two clusters at once would make
// each other's timing-sensitive tests slow for reasons of their own.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
