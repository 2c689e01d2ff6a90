package org.pactum.console;

/** No one is signed in, or the API no longer accepts the session's token: go to sign-in. */
public class SignInRequired extends RuntimeException {

    public SignInRequired() {
        super("sign in required", null, false, false);
    }
}
