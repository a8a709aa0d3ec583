using Google.Protobuf;
using Grpc.Core;
using Livepeer.Crypto;
using Livepeer.Net;

namespace Livepeer.GatewayApi.Apis;

/// <summary>
/// gRPC <c>net.Orchestrator</c> (go-livepeer <c>server/rpc.go</c>; see shared spec: network.md §4): discovery with the
/// gateway's signature check, session teardown and the availability ping.
/// </summary>
public sealed class OrchestratorRpcService(OrchestratorWire orchestrator) : Net.Orchestrator.OrchestratorBase
{
    public override async Task<OrchestratorInfo> GetOrchestrator(OrchestratorRequest request, ServerCallContext context)
    {
        if (request.Address.Length != EthAddress.Length)
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"address is {request.Address.Length} bytes, not {EthAddress.Length}"));
        var gateway = EthAddress.FromBytes(request.Address.Span);
        var check = EthSignature.VerifyPersonalKeccak(WireSignatures.OrchestratorRequestMessage(gateway), request.Sig.Span, gateway);
        if (check != SignatureCheck.Valid)
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"invalid sig: {check.Describe()}"));
        var (info, error, hasCapacity) = await orchestrator.InfoAsync(gateway, keepToken: null, request.Capabilities);
        if (!hasCapacity)
            throw new RpcException(new Status(StatusCode.ResourceExhausted, "OrchestratorCapped"));
        return info ?? throw new RpcException(new Status(StatusCode.FailedPrecondition, error!));
    }

    public override async Task<EndTranscodingSessionResponse> EndTranscodingSession(EndTranscodingSessionRequest request, ServerCallContext context)
    {
        if (orchestrator.Tokens.Check(request.AuthToken) is { } error)
            throw new RpcException(new Status(StatusCode.PermissionDenied, error));
        await orchestrator.Grain.EndSession(request.AuthToken.SessionId);
        return new EndTranscodingSessionResponse();
    }

    public override Task<PingPong> Ping(PingPong request, ServerCallContext context) =>
        Task.FromResult(new PingPong { Value = ByteString.CopyFrom(orchestrator.Key.SignPersonalKeccak(request.Value.Span)) });
}
