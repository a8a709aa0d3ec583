using System.Diagnostics.CodeAnalysis;

namespace Livepeer.Payments;

/// <summary>Either a value or a <see cref="PaymentError"/>.</summary>
public readonly struct PaymentResult<T>
{
    private readonly T? value;

    private PaymentResult(T? value, PaymentError? error)
    {
        this.value = value;
        Error = error;
    }

    public PaymentError? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    /// <summary>The value; throws <see cref="InvalidOperationException"/> with the error text on failure.</summary>
    public T Value => IsSuccess ? value! : throw new InvalidOperationException(Error.Message);

    public static implicit operator PaymentResult<T>(T value) => new(value, null);

    public static implicit operator PaymentResult<T>(PaymentError error) => new(default, error ?? throw new ArgumentNullException(nameof(error)));
}
