"""render/chart"""
