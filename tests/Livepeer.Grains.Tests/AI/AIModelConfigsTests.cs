using Livepeer.AI;
using Livepeer.Payments;

namespace Livepeer.Grains.Tests.AI;

public sealed class AIModelConfigsTests
{
    [Fact]
    public void Parses_go_livepeer_aiModels_json()
    {
        var models = AIModelConfigs.Parse("""
            [
              {"pipeline":"text-to-image","model_id":"ByteDance/SDXL-Lightning","warm":true,"price_per_unit":4768371,"pixels_per_unit":1},
              {"pipeline":"llm","model_id":"meta-llama/Meta-Llama-3.1-8B-Instruct","url":"http://llm-runner:8000","token":"secret","capacity":4,
               "price_per_unit":0.5,"pixels_per_unit":1000000,"optimization_flags":{"SFAST":true}},
              {"pipeline":"live-video-to-video","model_id":"comfyui","warm":true}
            ]
            """);
        Assert.Equal(3, models.Count);
        Assert.Equal(new PriceInfo(4768371, 1), models[0].Price);
        Assert.True(models[0].Warm);
        Assert.Null(models[0].Url);
        Assert.Equal(1, models[0].Capacity);
        var llm = models[1];
        Assert.Equal(("http://llm-runner:8000", "secret", 4), (llm.Url, llm.Token, llm.Capacity));
        Assert.Equal(new PriceInfo(1, 2_000_000), llm.Price); // 0.5 wei per 1,000,000 units
        Assert.Equal("True", llm.OptimizationFlags["SFAST"]);
        Assert.Null(models[2].Price);
    }

    [Fact]
    public void Parses_the_inline_list()
    {
        var models = AIModelConfigs.Parse("live-video-to-video:noop:true, text-to-image:stabilityai/sdxl-turbo:false");
        Assert.Equal([("live-video-to-video", "noop", true), ("text-to-image", "stabilityai/sdxl-turbo", false)],
            models.Select(m => (m.Pipeline, m.ModelId, m.Warm)));
    }

    [Theory]
    [InlineData("""[{"pipeline":"text-to-3d","model_id":"x"}]""", "unknown pipeline 'text-to-3d'")]
    [InlineData("""[{"pipeline":"llm","model_id":"m","warm":true},{"pipeline":"llm","model_id":"m","warm":false}]""", "both warm and cold")]
    [InlineData("""[{"pipeline":"llm","model_id":"m","price_per_unit":0.18,"currency":"USD"}]""", "currency USD needs a price feed")]
    [InlineData("""[{"pipeline":"llm","model_id":"m","capacity":0}]""", "capacity must be at least 1")]
    [InlineData("""[{"pipeline":"llm"}]""", "no model_id")]
    [InlineData("llm:m", "is not pipeline:model_id:warm")]
    public void Refuses_what_go_livepeer_refuses_at_start(string value, string reason)
    {
        var error = Assert.Throws<FormatException>(() => AIModelConfigs.Parse(value));
        Assert.Contains(reason, error.Message);
    }
}
