package dev.gantry.server;
final class Placeholder {}
