using Distill.Aggregation;

namespace Distill.Tests.Aggregation;

public sealed class TeacherSubsetTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(5, 31)]
    [InlineData(10, 1023)]
    public void All_enumerates_exactly_two_to_the_n_minus_one_distinct_non_empty_subsets(int n, int expected)
    {
        var subsets = TeacherSubset.All(n).ToList();
        Assert.Equal(expected, subsets.Count);
        Assert.Equal(expected, subsets.Select(s => s.Mask).Distinct().Count());
        Assert.All(subsets, s => Assert.InRange(s.Count, 1, n));
        Assert.All(subsets, s => Assert.True(s.Mask < 1u << n));
    }

    [Fact]
    public void All_refuses_zero_or_too_many_teachers()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TeacherSubset.All(0).ToList());
        Assert.Throws<ArgumentOutOfRangeException>(() => TeacherSubset.All(TeacherSubset.MaxTeachers + 1).ToList());
    }

    [Fact]
    public void Describe_lists_members_in_teacher_order()
    {
        var names = new[] { "gpt-4o", "gemini", "dictionary" };
        Assert.Equal("gpt-4o + dictionary", new TeacherSubset(0b101).Describe(names));
        Assert.Equal([0, 2], new TeacherSubset(0b101).Members());
    }

    [Fact]
    public void Compress_packs_the_masked_bits_in_order()
    {
        // pattern 1011 (teachers 0,1,3 vote), mask 1010 (teachers 1 and 3) -> bits (1,1) -> 0b11
        Assert.Equal(0b11u, VoteTable.Compress(0b1011, 0b1010));
        Assert.Equal(0b10u, VoteTable.Compress(0b1000, 0b1010));
        Assert.Equal(0b00u, VoteTable.Compress(0b0101, 0b1010));
        var random = new Random(3);
        for (var i = 0; i < 1000; i++)
        {
            var p = (uint)random.Next(1 << 10);
            var m = (uint)random.Next(1, 1 << 10);
            uint expected = 0;
            var bit = 0;
            for (var j = 0; j < 10; j++)
                if ((m >> j & 1) != 0) expected |= (p >> j & 1) << bit++;
            Assert.Equal(expected, VoteTable.Compress(p, m));
        }
    }
}
