package dev.chorus;
public final class Main { public static void main(String[] a) {} }
