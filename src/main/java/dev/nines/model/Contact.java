package dev.nines.model;

/** A person at the client or on the team who receives reports or notices. */
public record Contact(String name, String email, String role) {}
