"""render/text"""
