using Livepeer.Payments;

namespace Livepeer.Grains.Tests.Payments;

public sealed class RedemptionBatchesTests
{
    [Theory]
    [InlineData(0, 10, new int[0])]
    [InlineData(1, 10, new[] { 1 })]
    [InlineData(10, 10, new[] { 10 })]
    [InlineData(23, 10, new[] { 10, 10, 3 })]
    [InlineData(3, 1, new[] { 1, 1, 1 })]
    public void Due_tickets_are_split_into_transactions_of_at_most_the_batch_size_in_order(int due, int batchSize, int[] sizes)
    {
        var tickets = Enumerable.Range(0, due).ToList();

        var batches = RedemptionPass.Batches(tickets, batchSize);

        Assert.Equal(sizes, batches.Select(b => b.Count));
        Assert.Equal(tickets, batches.SelectMany(b => b));
    }
}
