import { Inject, Injectable, Optional } from '@nestjs/common';
import { Principal } from '@nf/access';
import { ValidationProblem } from '@nf/common';

/** What a signer sends: the hash of what they read, and how they sign it. */
export interface SignatureRequest {
  contentHash: string;
  /** The provider: `login` (the default) or an external one, such as `bankid`. */
  method?: string;
  /** What the external provider needs to verify the signature (e.g. a BankID order reference). */
  evidence?: string;
}

/**
 * A way to sign a protocol. The built-in one trusts the signer's login; an external e-signature
 * provider (BankID and the like) verifies the evidence the client brings back from it, and
 * throws a problem when it does not hold. It returns the method recorded with the signature.
 */
export interface SignatureProvider {
  readonly method: string;
  verify(principal: Principal, request: SignatureRequest): Promise<string>;
}

/** Providers registered besides the login signature (a module provides them under this token). */
export const SIGNATURE_PROVIDERS = Symbol('SIGNATURE_PROVIDERS');

/** The built-in signature: the signer is logged in, and that is what the signature records. */
export class LoginSignature implements SignatureProvider {
  readonly method = 'login';

  verify(): Promise<string> {
    return Promise.resolve(this.method);
  }
}

@Injectable()
export class SignatureProviders {
  private readonly byMethod = new Map<string, SignatureProvider>();

  constructor(@Optional() @Inject(SIGNATURE_PROVIDERS) extra: SignatureProvider[] | null) {
    for (const provider of [new LoginSignature(), ...(extra ?? [])]) {
      this.byMethod.set(provider.method, provider);
    }
  }

  get(method: string): SignatureProvider {
    const provider = this.byMethod.get(method);
    if (!provider) {
      throw new ValidationProblem([
        {
          field: 'method',
          message: `unknown signature method (known: ${[...this.byMethod.keys()].join(', ')})`,
        },
      ]);
    }
    return provider;
  }
}
